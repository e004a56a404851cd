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
}
