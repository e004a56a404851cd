namespace BitGridAI.Simulator;

/// <summary>
/// The simulated site's import price, a time-of-use tariff in ct/kWh by the hour of site time: cheap while
/// the sun shines, dear in the evening peak (above the default price_max_ct_kwh of 25), 2 ct less at weekends.
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
}
