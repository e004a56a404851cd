namespace BitGridAI.Domain.Economics;

/// <summary>
/// The energy-path economics of a block (docs/energy-path.md): what the miners' energy is worth exported, mined and
/// as heat, and whether the site's policy mines it. Pure and total: any double gives an answer, never an exception.
/// </summary>
public static class EnergyPath
{
    /// <summary>Satoshis in one bitcoin: what turns a BTC price into a price per sat.</summary>
    public const double SatsPerBtc = 1e8;

    /// <summary>
    /// The three values of running miners drawing <paramref name="powerW"/> with <paramref name="hashrateThs"/> for
    /// <paramref name="duration"/>. Inputs a meter or a miner cannot really report count as nothing rather than
    /// throwing: a non-finite or negative power, hashrate or duration is 0. Prices follow <see cref="EnergyPrices"/>:
    /// a negative feed-in or heat value is kept (it is real); a non-finite feed-in makes the export value NaN, which
    /// <see cref="Mines"/> under <see cref="EnergyPathPolicy.MaxValue"/> reads as "not proven worth it"; a non-finite
    /// heat value counts as 0 (heat not useful, the default); a negative or
    /// non-finite hashprice is unknown (null sats), and so is a BTC price that is not a positive finite number (null ct).
    /// </summary>
    /// <param name="powerW">The miners' draw, in W.</param>
    /// <param name="hashrateThs">Their hashrate at that draw, in TH/s.</param>
    /// <param name="duration">How long, normally one block (10 minutes).</param>
    /// <param name="prices">The prices in force for the block.</param>
    public static EnergyPathValues Of(double powerW, double hashrateThs, TimeSpan duration, EnergyPrices prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var hours = duration > TimeSpan.Zero ? duration.TotalHours : 0;
        var energyKwh = NonNegative(powerW) * hours / 1000;
        var exportCt = Finite(prices.FeedInCtKwh) * energyKwh;
        // Heat that cannot be priced is counted as not useful (the default), never as a reason to mine.
        var heatCt = (double.IsFinite(prices.HeatValueCtKwh) ? prices.HeatValueCtKwh : 0) * energyKwh;
        double? sats = prices.HashpriceSatsPerThDay is { } hashprice && double.IsFinite(hashprice) && hashprice >= 0
            ? hashprice * NonNegative(hashrateThs) * hours / 24
            : null;
        double? miningCt = sats is { } s && prices.BtcPriceEur is { } btcEur && double.IsFinite(btcEur) && btcEur > 0
            ? s / SatsPerBtc * btcEur * 100
            : null;
        return new EnergyPathValues(energyKwh, exportCt, sats, miningCt, heatCt);
    }

    /// <summary>
    /// Whether <paramref name="policy"/> mines a block worth <paramref name="values"/>.
    /// <see cref="EnergyPathPolicy.SelfConsumptionFirst"/> always does. <see cref="EnergyPathPolicy.MaxValue"/> does only
    /// when mining plus heat is known and at least the export value: an unknown hashprice or BTC price, or a NaN
    /// value, means the miner path is not proven worth it, so the energy is exported (unknown means safe).
    /// </summary>
    /// <param name="policy">The site's policy.</param>
    /// <param name="values">The block's values from <see cref="Of"/>.</param>
    public static bool Mines(EnergyPathPolicy policy, EnergyPathValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return policy switch
        {
            EnergyPathPolicy.SelfConsumptionFirst => true,
            // MaxValue, and any value the enum does not define: the stricter rule.
            _ => values.MiningPlusHeatCt is { } minerPath && minerPath >= values.ExportCt,
        };
    }

    /// <summary>A reading that cannot be a real draw or hashrate counts as none.</summary>
    private static double NonNegative(double value) => double.IsFinite(value) && value > 0 ? value : 0;

    /// <summary>A price that is no number stays unknown (NaN) instead of silently becoming 0 ct.</summary>
    private static double Finite(double value) => double.IsFinite(value) ? value : double.NaN;
}
