using System.Globalization;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Economics;
using BitGridAI.Grains.Abstractions.Site;
using Microsoft.Extensions.Options;

namespace BitGridAI.Silo.Configuration;

/// <summary>Checks <c>Site</c>: id, autonomy, strategy, the readings' max ages, and every threshold in <c>Site:Engine</c>.</summary>
internal sealed class SiteOptionsValidator(IConfiguration configuration) : IValidateOptions<SiteOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Id) || options.Id.Contains('/', StringComparison.Ordinal))
        {
            errors.Add($"Site:Id: must be a non-empty name without '/' (got '{options.Id}')");
        }
        if (DecisionText.ParseAutonomy(options.Autonomy) == Autonomy.Unknown)
        {
            errors.Add($"Site:Autonomy: must be FULL, SEMI or MANUAL (got '{options.Autonomy}')");
        }
        if (DecisionText.ParseStrategy(options.Strategy) == Strategy.Unknown)
        {
            errors.Add($"Site:Strategy: must be surplus or soc_band (got '{options.Strategy}')");
        }
        CheckAge(errors, nameof(SiteOptions.MaxAgeSec), options.MaxAgeSec);
        CheckAge(errors, nameof(SiteOptions.SocMaxAgeSec), options.SocMaxAgeSec);
        CheckAge(errors, nameof(SiteOptions.PriceMaxAgeSec), options.PriceMaxAgeSec);
        CheckAge(errors, nameof(SiteOptions.MarketPriceMaxAgeSec), options.MarketPriceMaxAgeSec);
        var economics = options.Economics;
        Check(errors, "Economics:HashpriceSatsPerThDay", economics.HashpriceSatsPerThDay, SiteEconomics.MinHashprice, SiteEconomics.MaxHashprice, "sats per TH/s and day");
        Check(errors, "Economics:FeedInCtKwh", economics.FeedInCtKwh, -100, 1000, "ct/kWh");
        CheckEconomics(errors, economics);
        errors.AddRange(HeatValueSection.Read(configuration).Errors);
        if (options.Battery is { } battery)
        {
            Check(errors, "Battery:CapacityWh", battery.CapacityWh, 100, 1e7, "Wh");
            Check(errors, "Battery:MaxChargeW", battery.MaxChargeW, 1, 1e6, "W");
            Check(errors, "Battery:MaxDischargeW", battery.MaxDischargeW, 1, 1e6, "W");
            Check(errors, "Battery:ChargeEfficiency", battery.ChargeEfficiency, 0.01, 1, "(a share)");
            Check(errors, "Battery:FloorPct", battery.FloorPct, 0, 100, "%");
        }
        errors.AddRange(EngineConfigSection.Read(configuration).Errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckEconomics(List<string> errors, EconomicsOptions economics)
    {
        if (economics.SatsPerEuro is { } satsPerEuro)
        {
            Check(errors, "Economics:SatsPerEuro", satsPerEuro, 1, 1e9, "sats per euro");
        }
        if (economics.BtcPriceEur is { } btc)
        {
            Check(errors, "Economics:BtcPriceEur", btc, SiteEconomics.MinBtcPriceEur, SiteEconomics.MaxBtcPriceEur, "€ per BTC");
        }
        // Both say what a sat is worth: two numbers that disagree would price the KPIs and the policy differently.
        if (economics is { SatsPerEuro: { } given, BtcPriceEur: { } price } && price > 0 && Math.Abs(given - (EnergyPath.SatsPerBtc / price)) > 0.01 * given)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"Site:Economics:BtcPriceEur: {price} € per BTC is {EnergyPath.SatsPerBtc / price:0} sats per euro, but Site:Economics:SatsPerEuro is {given}; set one of them (or both within 1 %)"));
        }
        if (!EnergyPathPolicies.TryParse(economics.Policy, out _))
        {
            errors.Add($"Site:Economics:Policy: must be {EnergyPathPolicies.AllowedNames} (got '{economics.Policy}')");
        }
    }

    private static void Check(List<string> errors, string key, double value, double min, double max, string unit)
    {
        if (!(value >= min && value <= max))
        {
            errors.Add($"Site:{key}: must be {min} to {max} {unit} (got {value})");
        }
    }

    private static void CheckAge(List<string> errors, string key, int seconds)
    {
        if (seconds is < 1 or > 86_400)
        {
            errors.Add($"Site:{key}: must be 1 to 86400 seconds (got {seconds})");
        }
    }
}
