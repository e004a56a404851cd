using BitGridAI.Domain.Economics;

namespace BitGridAI.Domain.History;

/// <summary>
/// What a site's energy was worth in a recorded configuration: hashprice (sats per TH/s and day), feed-in tariff
/// (ct/kWh) and sats per euro, and the energy-path settings (versions recorded before they existed have the defaults).
/// </summary>
public sealed record HistoryEconomics(double HashpriceSatsPerThDay, double FeedInCtKwh, double SatsPerEuro)
{
    public EnergyPathPolicy Policy { get; init; } = EnergyPathPolicy.SelfConsumptionFirst;

    /// <summary>Euros per BTC as configured; null = follows <see cref="SatsPerEuro"/>.</summary>
    public double? BtcPriceEur { get; init; }

    /// <summary>The heat value of January to December in ct/kWh; all 0 = heat not useful.</summary>
    public IReadOnlyList<double> HeatValueCtKwhByMonth { get; init; } = new double[12];

    /// <summary>The prices of a block in this version from the config alone (a replay has no MQTT prices beyond what was recorded).</summary>
    /// <param name="blockStart">The block's start; its month picks the heat value.</param>
    /// <param name="hashpriceSatsPerThDay">A recorded hashprice that wins over the configured one, or null.</param>
    /// <param name="btcPriceEur">A recorded BTC price that wins over the configured one, or null.</param>
    public EnergyPrices PricesAt(DateTimeOffset blockStart, double? hashpriceSatsPerThDay = null, double? btcPriceEur = null) => new(
        FeedInCtKwh,
        hashpriceSatsPerThDay is { } h && double.IsFinite(h) && h >= 0 ? h : HashpriceSatsPerThDay,
        btcPriceEur is { } b && double.IsFinite(b) && b > 0 ? b : BtcPriceEur ?? 1e8 / SatsPerEuro,
        HeatValueCtKwhByMonth.Count == 12 ? HeatValueCtKwhByMonth[blockStart.Month - 1] : 0);
}
