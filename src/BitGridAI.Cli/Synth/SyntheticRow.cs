using BitGridAI.Domain.Signals;

namespace BitGridAI.Cli.Synth;

/// <summary>
/// One block of the synthetic series, as it goes into the CSV. Null is an empty cell (missing);
/// NaN or an out-of-range number is an implausible reading the engine must reject.
/// </summary>
internal sealed record SyntheticRow(
    long OffsetMin,
    double? PvPowerW,
    double? HouseLoadW,
    double? GridImportW,
    double? BatterySocPct,
    double? MinerTempC,
    double? MinerHeartbeatAgeSec,
    double? EnergyPriceCtKwh,
    double? PvForecastKw,
    double? GridExportW,
    double? MinerPowerW,
    double? BatteryPowerW)
{
    /// <summary>The CSV header; the first eleven columns are replay's positional order.</summary>
    public const string Header =
        "offset_min,pv_power_w,house_load_w,grid_import_w,battery_soc_pct,miner_temp_c,miner_heartbeat_age_sec," +
        "energy_price_ct_kwh,pv_forecast_kw,grid_export_w,miner_power_w,battery_power_w";

    /// <summary>The readings as replay ingests them from the CSV.</summary>
    public EnergyState ToState()
    {
        var builder = new EnergyStateBuilder();
        foreach (var (signal, value) in Signals.Zip(Cells))
        {
            if (value is { } v)
            {
                builder.Set(signal, v);
            }
        }
        return builder.Build();
    }

    private static readonly Signal[] Signals =
    [
        Signal.PvPowerW, Signal.HouseLoadW, Signal.GridImportW, Signal.BatterySocPct, Signal.MinerTempC,
        Signal.MinerHeartbeatAgeSec, Signal.EnergyPriceCtKwh, Signal.PvForecastKw, Signal.GridExportW,
        Signal.MinerPowerW, Signal.BatteryPowerW,
    ];

    public IEnumerable<double?> Cells =>
    [
        PvPowerW, HouseLoadW, GridImportW, BatterySocPct, MinerTempC, MinerHeartbeatAgeSec,
        EnergyPriceCtKwh, PvForecastKw, GridExportW, MinerPowerW, BatteryPowerW,
    ];
}
