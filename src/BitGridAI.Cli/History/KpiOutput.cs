using System.Globalization;
using System.Text.Json;
using BitGridAI.Domain.Kpis;

namespace BitGridAI.Cli.History;

/// <summary>A period's KPIs as a table row or a JSON line: a missing value is "—" or null, a partial one is marked "*".</summary>
internal static class KpiOutput
{
    public const string Header =
        "period                blocks     pv_kwh  house_kwh import_kwh export_kwh  self_% autark_%  miner_kwh       sats sats/kwh feedin_sats/kwh export_eur  mining_eur changes thermal ovr_ok ovr_no lat_avg_s lat_max_s";

    public const string Legend =
        "— missing (no block of the period measured it); * partial (some blocks did not). sats are estimated: measured miner power × rated_hashrate_ths / rated_power_w × hashprice_sats_per_th_day of the recorded config; heat delivered = miner_kwh; feedin_sats/kwh = feed_in_ct_kwh / 100 × sats_per_euro, weighted by miner_kwh (mining beat export where sats/kwh is higher).";

    public static string Row(string period, KpiTotals k) => string.Create(CultureInfo.InvariantCulture,
        $"{period,-20} {k.Blocks,7} {Cell(k.PvKwh, k, "pv"),10} {Cell(k.HouseKwh, k, "house"),10} {Cell(k.ImportKwh, k, "import"),10} {Cell(k.ExportKwh, k, "export"),10} {Percent(k.SelfConsumption),7} {Percent(k.Autarky),8} {Cell(k.MinerKwh, k, "miner"),10} {Cell(k.Sats, k, "sats", "F0"),10} {Cell(k.SatsPerKwh, null, "", "F0"),8} {Cell(k.FeedInSatsPerKwh, null, "", "F0"),15} {Cell(k.ExportValueEur, null, ""),10} {Cell(k.MiningValueEur, null, ""),11} {k.ActuatorChanges,7} {k.ThermalStops,7} {k.OverridesAccepted,6} {k.OverridesRefused,6} {Cell(k.LatencyMeanSec, null, "", "F1"),9} {Cell(k.LatencyMaxSec, null, "", "F1"),9}");

    public static void WriteJson(Utf8JsonWriter json, string period, KpiTotals k)
    {
        json.WriteStartObject();
        json.WriteString("period", period);
        json.WriteNumber("blocks", k.Blocks);
        Number(json, "pv_kwh", k.PvKwh);
        Number(json, "house_kwh", k.HouseKwh);
        Number(json, "grid_import_kwh", k.ImportKwh);
        Number(json, "grid_export_kwh", k.ExportKwh);
        Number(json, "self_consumption", k.SelfConsumption);
        Number(json, "autarky", k.Autarky);
        Number(json, "miner_kwh", k.MinerKwh);
        Number(json, "heat_kwh", k.HeatKwh);
        Number(json, "sats_estimated", k.Sats);
        Number(json, "sats_per_kwh", k.SatsPerKwh);
        Number(json, "feed_in_sats_per_kwh", k.FeedInSatsPerKwh);
        Number(json, "export_value_eur", k.ExportValueEur);
        Number(json, "mining_value_eur", k.MiningValueEur);
        json.WriteNumber("actuator_changes", k.ActuatorChanges);
        json.WriteNumber("thermal_stops", k.ThermalStops);
        json.WriteNumber("overrides_accepted", k.OverridesAccepted);
        json.WriteNumber("overrides_refused", k.OverridesRefused);
        Number(json, "latency_mean_s", k.LatencyMeanSec);
        Number(json, "latency_max_s", k.LatencyMaxSec);
        json.WriteStartArray("partial");
        foreach (var quantity in k.PartialQuantities())
        {
            json.WriteStringValue(quantity);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string Value(double? value, string format = "F3") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    private static string Cell(double? value, KpiTotals? totals, string quantity, string format = "F3") =>
        Value(value, format) + (value is not null && totals?.IsPartial(quantity) == true ? "*" : "");

    private static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("F1", CultureInfo.InvariantCulture) : "—";

    /// <summary>A number, or null when missing (JSON has no NaN).</summary>
    public static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
