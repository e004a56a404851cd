namespace BitGridAI.Domain.Economics;

/// <summary>
/// The prices in force for one block. <paramref name="FeedInCtKwh"/> may be negative (some tariffs charge for
/// export at times). <paramref name="HashpriceSatsPerThDay"/> null = unknown; <paramref name="BtcPriceEur"/> null =
/// not configured or unknown, so mining has no value in cents. <paramref name="HeatValueCtKwh"/> is already the
/// value for the block's month: what a kWh of miner heat saves on heating, 0 when the heat is not useful (negative
/// when it has to be cooled away).
/// </summary>
/// <param name="FeedInCtKwh">What an exported kWh earns, in ct.</param>
/// <param name="HashpriceSatsPerThDay">Sats one TH/s earns per day; null = unknown.</param>
/// <param name="BtcPriceEur">Euros per bitcoin; null = unknown.</param>
/// <param name="HeatValueCtKwh">What a kWh of the miners' heat is worth this month, in ct.</param>
public sealed record EnergyPrices(double FeedInCtKwh, double? HashpriceSatsPerThDay, double? BtcPriceEur, double HeatValueCtKwh);
