using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Economics;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Abstractions.Recording;

/// <summary>
/// A site's configuration as the event log stores it: every engine threshold, the strategy and default autonomy,
/// each miner's draws, chip limits and hashrate, the battery and the economics — written in one fixed order, so
/// the same configuration always gives the same bytes and the same <see cref="Hash"/> (hex SHA-256). Every
/// decision names the hash of the configuration that produced it; the log holds each version once.
/// </summary>
public sealed class SiteConfigDocument
{
    private SiteConfigDocument(string json)
    {
        Json = json;
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    public string Json { get; }

    public string Hash { get; }

    public static SiteConfigDocument Of(SiteDefinition site)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("site_id", site.Id);
            json.WriteString("strategy", DecisionText.Of(site.Strategy));
            json.WriteString("autonomy", DecisionText.Of(site.DefaultAutonomy));
            json.WriteStartObject("engine");
            WriteEngine(json, site.Engine);
            json.WriteEndObject();
            json.WriteStartArray("miners");
            foreach (var miner in site.Miners)
            {
                json.WriteStartObject();
                json.WriteString("id", miner.Id);
                json.WriteNumber("priority", miner.Priority);
                json.WriteNumber("rated_power_w", miner.RatedPowerW);
                WriteOptional(json, "eco_draw_w", miner.EcoDrawW);
                WriteOptional(json, "super_draw_w", miner.SuperDrawW);
                WriteOptional(json, "max_chip_temp_c", miner.MaxChipTempC);
                WriteOptional(json, "resume_chip_temp_c", miner.ResumeChipTempC);
                json.WriteNumber("rated_hashrate_ths", miner.RatedHashrateThs);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (site.Battery is { } battery)
            {
                json.WriteStartObject("battery");
                json.WriteNumber("capacity_wh", battery.CapacityWh);
                json.WriteNumber("max_charge_w", battery.MaxChargeW);
                json.WriteNumber("max_discharge_w", battery.MaxDischargeW);
                json.WriteNumber("charge_efficiency", battery.ChargeEfficiency);
                json.WriteNumber("floor_pct", battery.FloorPct);
                json.WriteEndObject();
            }
            json.WriteStartObject("economics");
            json.WriteNumber("hashprice_sats_per_th_day", site.Economics.HashpriceSatsPerThDay);
            json.WriteNumber("feed_in_ct_kwh", site.Economics.FeedInCtKwh);
            json.WriteNumber("sats_per_euro", site.Economics.SatsPerEuro);
            WriteEnergyPath(json, site.Economics);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return new SiteConfigDocument(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>The engine's keys by their RULES.md §3 names, in registry order (the same names <c>--config</c> files use).</summary>
    public static void WriteEngine(Utf8JsonWriter json, EngineConfig config)
    {
        foreach (var key in ConfigKeys.Numeric)
        {
            if (key.Get(config) is { } value)
            {
                json.WriteNumber(key.Name, value);
            }
            else
            {
                json.WriteNull(key.Name);
            }
        }
        json.WriteString(ConfigKeys.DataFailSafeName, ConfigKeys.Name(config.DataFailSafe));
    }

    /// <summary>
    /// The energy-path settings, each only when it differs from its default: a site that never set them keeps the
    /// configuration hash it had before they existed (no new version in the log just for upgrading), and the default
    /// is what a reader assumes for a missing key.
    /// </summary>
    private static void WriteEnergyPath(Utf8JsonWriter json, SiteEconomics economics)
    {
        if (economics.Policy != EnergyPathPolicy.SelfConsumptionFirst)
        {
            json.WriteString("policy", EnergyPathPolicies.Name(economics.Policy));
        }
        WriteOptional(json, "btc_price_eur", economics.BtcPriceEur);
        if (economics.HeatValueCtKwhByMonth.Any(v => v != 0))
        {
            json.WriteStartArray("heat_value_ct_kwh");
            foreach (var month in economics.HeatValueCtKwhByMonth)
            {
                json.WriteNumberValue(month);
            }
            json.WriteEndArray();
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"config {Hash[..12]}");
}
