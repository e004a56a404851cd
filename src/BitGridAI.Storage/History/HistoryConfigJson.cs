using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Economics;
using BitGridAI.Domain.History;
using BitGridAI.Domain.Physics;

namespace BitGridAI.Storage.History;

/// <summary>
/// Reads a <c>config</c> record (a <c>SiteConfigDocument</c>) back into what history replay and the KPIs need. Its
/// hash is the SHA-256 of the body, as every decision names it. A body that is not such a document is a
/// <see cref="FormatException"/> saying what is wrong.
/// </summary>
public static class HistoryConfigJson
{
    public static string HashOf(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    /// <summary>Reads one version; <paramref name="slots"/> maps miner ids to slots across every version (a new id gets the next slot).</summary>
    public static HistoryConfig Read(string body, Dictionary<string, int> slots)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var engine = Engine(root.GetProperty("engine"));
            var strategy = DecisionText.ParseStrategy(root.GetProperty("strategy").GetString());
            var miners = new List<HistoryMiner>();
            foreach (var m in root.GetProperty("miners").EnumerateArray())
            {
                var id = m.GetProperty("id").GetString() ?? throw new FormatException("a miner without an id");
                if (!slots.TryGetValue(id, out var slot))
                {
                    slot = slots.Count;
                    slots[id] = slot;
                }
                miners.Add(new HistoryMiner(id, slot, m.GetProperty("rated_power_w").GetDouble(), Optional(m, "eco_draw_w"), Optional(m, "super_draw_w"),
                    Optional(m, "max_chip_temp_c"), Optional(m, "resume_chip_temp_c"), Optional(m, "rated_hashrate_ths") ?? 0));
            }
            var battery = root.TryGetProperty("battery", out var b) && b.ValueKind == JsonValueKind.Object
                ? new HomeBattery(b.GetProperty("capacity_wh").GetDouble(), b.GetProperty("max_charge_w").GetDouble(),
                    b.GetProperty("max_discharge_w").GetDouble(), b.GetProperty("charge_efficiency").GetDouble(), b.GetProperty("floor_pct").GetDouble())
                : null;
            if (battery is not null && !(battery.CapacityWh > 0 && battery.ChargeEfficiency > 0))
            {
                throw new FormatException("battery: capacity_wh and charge_efficiency must be above 0");
            }
            var e = root.GetProperty("economics");
            var economics = new HistoryEconomics(e.GetProperty("hashprice_sats_per_th_day").GetDouble(), e.GetProperty("feed_in_ct_kwh").GetDouble(),
                e.GetProperty("sats_per_euro").GetDouble())
            {
                // Versions recorded before the energy path existed, or at its defaults, carry none of these keys.
                Policy = e.TryGetProperty("policy", out var policy) ? EnergyPathPolicies.Parse(policy.GetString()) : EnergyPathPolicy.SelfConsumptionFirst,
                BtcPriceEur = Optional(e, "btc_price_eur"),
                HeatValueCtKwhByMonth = e.TryGetProperty("heat_value_ct_kwh", out var heat)
                    ? HeatMonths(heat)
                    : new double[12],
            };
            return new HistoryConfig(HashOf(body), engine, strategy, miners, battery, economics);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"not a site configuration: {e.Message}", e);
        }
    }

    private static double[] HeatMonths(JsonElement heat)
    {
        var months = heat.EnumerateArray().Select(m => m.GetDouble()).ToArray();
        return months.Length == 12 ? months : throw new FormatException($"economics: heat_value_ct_kwh needs 12 months (got {months.Length})");
    }

    /// <summary>The engine keys by their RULES.md §3 names; an unknown key or an out-of-range value makes the version unreadable.</summary>
    private static EngineConfig Engine(JsonElement engine)
    {
        var config = EngineConfig.Default;
        foreach (var property in engine.EnumerateObject())
        {
            if (property.Name == ConfigKeys.DataFailSafeName)
            {
                config = ConfigKeys.TryParseDataFailSafe(property.Value.GetString(), out var failSafe)
                    ? config with { DataFailSafe = failSafe }
                    : throw new FormatException($"engine.{property.Name}: not stop or hold");
                continue;
            }
            var key = ConfigKeys.Find(property.Name) ?? throw new FormatException($"engine.{property.Name}: unknown key");
            double? value = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetDouble();
            if (key.Check(value) is { } problem)
            {
                throw new FormatException($"engine.{property.Name}: {problem}");
            }
            config = key.With(config, value);
        }
        var errors = ConfigValidator.Validate(config);
        return errors.Count == 0 ? config : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"engine.{errors[0]}"));
    }

    private static double? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
