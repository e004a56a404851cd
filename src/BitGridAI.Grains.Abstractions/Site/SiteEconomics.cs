using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Economics;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>
/// What a site's energy is worth: the hashprice (sats a TH/s earns per day), the feed-in tariff an exported kWh earns,
/// the exchange rate that puts sats and cents side by side, what the miners' heat saves in each month, and the
/// energy-path policy that weighs them (docs/energy-path.md). Validated at start.
/// </summary>
public sealed record SiteEconomics(double HashpriceSatsPerThDay, double FeedInCtKwh, double SatsPerEuro)
{
    /// <summary>The hashprices a site config or an MQTT reading may give, in sats per TH/s and day (the signal's range).</summary>
    public static double MinHashprice => SignalInfo.Min(Signal.HashpriceSatsPerThDay);

    /// <inheritdoc cref="MinHashprice"/>
    public static double MaxHashprice => SignalInfo.Max(Signal.HashpriceSatsPerThDay);

    /// <summary>The BTC prices a site config or an MQTT reading may give, in € (the signal's range).</summary>
    public static double MinBtcPriceEur => SignalInfo.Min(Signal.BtcPriceEur);

    /// <inheritdoc cref="MinBtcPriceEur"/>
    public static double MaxBtcPriceEur => SignalInfo.Max(Signal.BtcPriceEur);

    private static readonly double[] NoHeat = new double[12];

    private readonly IReadOnlyList<double> _heatValueCtKwhByMonth = NoHeat;

    /// <summary>Late-2026 ballpark figures; a user sets their own.</summary>
    public static SiteEconomics Default { get; } = new(HashpriceSatsPerThDay: 50, FeedInCtKwh: 8, SatsPerEuro: 1100);

    /// <summary>How mining and export are weighed; by default the surplus is mined.</summary>
    public EnergyPathPolicy Policy { get; init; } = EnergyPathPolicy.SelfConsumptionFirst;

    /// <summary>
    /// What a kWh of the miners' heat saves on heating, January to December, in ct (12 values). All 0 by default: the
    /// heat is not useful unless the user says so, so it never talks the site into mining.
    /// </summary>
    /// <exception cref="ArgumentException">Not 12 values.</exception>
    public IReadOnlyList<double> HeatValueCtKwhByMonth
    {
        get => _heatValueCtKwhByMonth;
        init => _heatValueCtKwhByMonth = value is { Count: 12 }
            ? [.. value]
            : throw new ArgumentException($"the heat value needs 12 months, January to December (got {value?.Count ?? 0})", nameof(value));
    }

    /// <summary>The configured BTC price in €; null = not configured, <see cref="ConfiguredBtcPriceEur"/> then follows <see cref="SatsPerEuro"/>.</summary>
    public double? BtcPriceEur { get; init; }

    /// <summary>The BTC price the site config stands for: the configured one, else the one <see cref="SatsPerEuro"/> implies (1e8 / sats per euro).</summary>
    public double ConfiguredBtcPriceEur => BtcPriceEur ?? EnergyPath.SatsPerBtc / SatsPerEuro;

    /// <summary>The heat value of the month <paramref name="at"/> falls in, by its own offset (a block start in local time gives the local month).</summary>
    public double HeatValueCtKwhAt(DateTimeOffset at) => HeatValueCtKwhByMonth[at.Month - 1];

    /// <summary>
    /// The prices in force for the block starting at <paramref name="blockStart"/>. A price read over MQTT wins when it is
    /// present and plausible (<see cref="IsPlausibleHashprice"/>, <see cref="IsPlausibleBtcPrice"/>): it is the live one.
    /// Otherwise the site config's value counts, so a broken price feed falls back to what the user configured rather
    /// than to nothing.
    /// </summary>
    /// <param name="blockStart">The block's start; its month picks the heat value.</param>
    /// <param name="hashpriceFromMqtt">The latest fresh <c>hashprice_sats_th_day</c> reading, or null.</param>
    /// <param name="btcPriceFromMqtt">The latest fresh <c>btc_price_eur</c> reading, or null.</param>
    public EnergyPrices PricesAt(DateTimeOffset blockStart, double? hashpriceFromMqtt, double? btcPriceFromMqtt) => new(
        FeedInCtKwh,
        hashpriceFromMqtt is { } hashprice && IsPlausibleHashprice(hashprice) ? hashprice : HashpriceSatsPerThDay,
        btcPriceFromMqtt is { } btc && IsPlausibleBtcPrice(btc) ? btc : ConfiguredBtcPriceEur,
        HeatValueCtKwhAt(blockStart));

    public static bool IsPlausibleHashprice(double satsPerThDay) => SignalInfo.IsPlausible(Signal.HashpriceSatsPerThDay, satsPerThDay);

    public static bool IsPlausibleBtcPrice(double eur) => SignalInfo.IsPlausible(Signal.BtcPriceEur, eur);

    /// <summary>Equal when every price and every month's heat value is (the generated equality would compare the list by reference).</summary>
    public bool Equals(SiteEconomics? other) =>
        other is not null
        && HashpriceSatsPerThDay.Equals(other.HashpriceSatsPerThDay)
        && FeedInCtKwh.Equals(other.FeedInCtKwh)
        && SatsPerEuro.Equals(other.SatsPerEuro)
        && Policy == other.Policy
        && BtcPriceEur.Equals(other.BtcPriceEur)
        && HeatValueCtKwhByMonth.SequenceEqual(other.HeatValueCtKwhByMonth);

    public override int GetHashCode() =>
        HashCode.Combine(HashpriceSatsPerThDay, FeedInCtKwh, SatsPerEuro, Policy, BtcPriceEur, HeatValueCtKwhByMonth.Sum());
}
