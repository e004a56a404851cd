using System.Text.Json;
using BitGridAI.Cli.Text;
using BitGridAI.Domain.Economics;
using BitGridAI.Domain.Fleet;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;

namespace BitGridAI.Cli.Decide;

/// <summary>
/// The optional <c>economics</c> object of <c>decide</c> with miners (docs/energy-path.md): <c>policy</c>
/// (self_consumption_first or max_value), <c>feed_in_ct_kwh</c>, <c>hashprice_sats_th_day</c>, <c>btc_price_eur</c>,
/// <c>heat_value_ct_kwh</c>; left out, the site defaults (8 ct/kWh, 50 sats per TH/s and day, 10⁸ / 1100 €, no
/// heat value, self_consumption_first). A top-level <c>hashprice_sats_th_day</c> or <c>btc_price_eur</c> reading wins,
/// as an MQTT price does on a site.
/// </summary>
internal sealed record EconomicsInput(EnergyPathPolicy Policy, double FeedInCtKwh, double HashpriceSatsPerThDay, double BtcPriceEur, double HeatValueCtKwh)
{
    public static EconomicsInput Default { get; } = new(EnergyPathPolicy.SelfConsumptionFirst, 8, 50, EnergyPath.SatsPerBtc / 1100, 0);

    public static EconomicsInput Read(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return Default;
        }
        JsonInput.RequireObject(element, "economics");
        var economics = Default;
        foreach (var property in element.EnumerateObject())
        {
            var field = "economics." + property.Name;
            var value = property.Value;
            economics = property.Name switch
            {
                "policy" => economics with
                {
                    Policy = EnergyPathPolicies.TryParse(JsonInput.Text(value, field), out var policy)
                        ? policy
                        : throw new CliInputException($"{field}: must be {EnergyPathPolicies.AllowedNames}"),
                },
                "feed_in_ct_kwh" => economics with { FeedInCtKwh = Within(value, field, -100, 1000) },
                "hashprice_sats_th_day" => economics with { HashpriceSatsPerThDay = Within(value, field, 0, 1e6) },
                "btc_price_eur" => economics with { BtcPriceEur = Within(value, field, 1, 1e9) },
                "heat_value_ct_kwh" => economics with { HeatValueCtKwh = Within(value, field, -100, 1000) },
                _ => throw new CliInputException($"{field}: unknown field"),
            };
        }
        return economics;
    }

    private static double Within(JsonElement element, string field, double min, double max) =>
        element.ValueKind == JsonValueKind.Number && element.GetDouble() is var v && double.IsFinite(v) && v >= min && v <= max
            ? v
            : throw new CliInputException($"{field}: expected a number from {min} to {max}, got {element.GetRawText()}");

    /// <summary>The pricing of the fleet decision: each miner's hashrate scales from its top step; unknown without one.</summary>
    public EnergyPathPricing Pricing(EnergyState state, IReadOnlyList<FleetInput> miners)
    {
        var prices = new EnergyPrices(FeedInCtKwh, state[Signal.HashpriceSatsPerThDay] ?? HashpriceSatsPerThDay, state[Signal.BtcPriceEur] ?? BtcPriceEur, HeatValueCtKwh);
        var unknownHashprice = prices with { HashpriceSatsPerThDay = null };
        var byId = miners.ToDictionary(m => m.Id, StringComparer.Ordinal);
        return new EnergyPathPricing(Policy, (member, powerW) => byId[member.Miner.Id].HashrateThs is { } ths && member.Miner.TopW > 0
            ? EnergyPath.Of(powerW, ths * powerW / member.Miner.TopW, TimeSpan.FromSeconds(BlockClock.BlockSeconds), prices)
            : EnergyPath.Of(powerW, 0, TimeSpan.FromSeconds(BlockClock.BlockSeconds), unknownHashprice));
    }
}
