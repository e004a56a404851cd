namespace BitGridAI.Simulator;

/// <summary>
/// The simulated site's import price, a time-of-use tariff in ct/kWh by the hour of site time: cheap while
/// the sun shines, dear in the evening peak (above the default price_max_ct_kwh of 25), 2 ct less at weekends.
/// Beside it the market prices a real feed would bring (a hashprice and a BTC price), moving slowly by the day so
/// a standalone run shows MQTT-sourced values that differ from the configured ones.
/// </summary>
public static class SimulatedTariff
{
    public static double PriceCtKwh(DateTimeOffset at)
    {
        var price = at.UtcDateTime.Hour switch
        {
            < 6 => 22.0,
            < 9 => 28.0,
            < 16 => 19.0,
            < 21 => 32.0,
            _ => 24.0,
        };
        return at.UtcDateTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? price - 2 : price;
    }

    /// <summary>Sats per TH/s and day: 46 ± 6 over a two-week wave, constant within a UTC day (as daily indices are).</summary>
    public static double HashpriceSatsPerThDay(DateTimeOffset at) => Math.Round(46 + 6 * Wave(at, periodDays: 14), 1);

    /// <summary>Euros per BTC: 88,000 ± 6,000 over a 30-day wave, constant within a UTC day.</summary>
    public static double BtcPriceEur(DateTimeOffset at) => Math.Round(88_000 + 6_000 * Wave(at, periodDays: 30));

    /// <summary>−1 to 1 by the UTC day number: deterministic, so a replayed run sees the same prices.</summary>
    private static double Wave(DateTimeOffset at, int periodDays) =>
        Math.Sin(2 * Math.PI * (at.UtcDateTime.Date - DateTime.UnixEpoch).TotalDays / periodDays);
}
