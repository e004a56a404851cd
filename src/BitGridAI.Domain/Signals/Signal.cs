namespace BitGridAI.Domain.Signals;

/// <summary>
/// A measured input of the engine (RULES.md §1). The value doubles as a bit index in
/// <see cref="SignalSet"/>, so numbers are never reused.
/// </summary>
public enum Signal
{
    Unknown = 0,
    /// <summary>PV AC output in W, ≥ 0.</summary>
    PvPowerW = 1,
    /// <summary>Base load of the house without miners and battery in W, ≥ 0.</summary>
    HouseLoadW = 2,
    /// <summary>Power drawn from the grid in W, ≥ 0.</summary>
    GridImportW = 3,
    /// <summary>Power fed into the grid in W, ≥ 0.</summary>
    GridExportW = 4,
    /// <summary>Battery state of charge in %, 0–100.</summary>
    BatterySocPct = 5,
    /// <summary>Battery power in W: positive = discharging, negative = charging.</summary>
    BatteryPowerW = 6,
    /// <summary>Hottest chip or board temperature of the miner in °C, −40–150.</summary>
    MinerTempC = 7,
    /// <summary>Seconds since the last successful contact with the miner, ≥ 0.</summary>
    MinerHeartbeatAgeSec = 8,
    /// <summary>Measured draw of the miners in W, ≥ 0.</summary>
    MinerPowerW = 9,
    /// <summary>Current import price in ct/kWh; negative prices exist.</summary>
    EnergyPriceCtKwh = 10,
    /// <summary>Forecast PV surplus over the next hour in kW (PV minus expected house load).</summary>
    PvForecastKw = 11,
    /// <summary>
    /// Hashprice in sats one TH/s earns per day, ≥ 0. Not an engine input: the energy-path economics read it
    /// (docs/energy-path.md), and a site without it uses its configured hashprice.
    /// </summary>
    HashpriceSatsPerThDay = 12,
    /// <summary>Bitcoin price in € per BTC, ≥ 1. Not an engine input: the energy-path economics read it.</summary>
    BtcPriceEur = 13,
}
