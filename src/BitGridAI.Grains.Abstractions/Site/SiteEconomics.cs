namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>
/// What a site's energy is worth, for the KPIs: the hashprice (sats a TH/s earns per day), the feed-in tariff an
/// exported kWh earns, and the exchange rate that puts sats and cents side by side. Validated at start.
/// </summary>
public sealed record SiteEconomics(double HashpriceSatsPerThDay, double FeedInCtKwh, double SatsPerEuro)
{
    /// <summary>Late-2026 ballpark figures; a user sets their own.</summary>
    public static SiteEconomics Default { get; } = new(HashpriceSatsPerThDay: 50, FeedInCtKwh: 8, SatsPerEuro: 1100);
}
