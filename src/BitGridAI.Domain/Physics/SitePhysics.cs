namespace BitGridAI.Domain.Physics;

/// <summary>
/// The physics of a home site that both the simulated site (silo) and <c>bitgrid synth</c> (console) run:
/// the season, clear-sky PV and the house's daily load profile. One copy, so a synthetic year and a
/// simulated day behave alike. Pure and deterministic; randomness (clouds, noise, faults) stays with the callers.
/// </summary>
public static class SitePhysics
{
    /// <summary>0 at the winter solstice, 1 at the summer solstice; <paramref name="dayOfYear"/> counts from 0 on 1 January.</summary>
    public static double Season(int dayOfYear) => (1 - Math.Cos(2 * Math.PI * ((dayOfYear % 365) + 10) / 365)) / 2;

    /// <summary>
    /// PV output in W under a clear sky at <paramref name="hour"/> (local solar time, 0–24): days are 8 h long in
    /// winter and 16 h in summer, centred on 12:30, and the peak is 30 % of <paramref name="peakW"/> in winter.
    /// </summary>
    public static double ClearSkyPvW(double peakW, double season, double hour)
    {
        var daylight = 8 + (8 * season);
        var sunrise = 12.5 - (daylight / 2);
        var x = (hour - sunrise) / daylight;
        return x is <= 0 or >= 1 ? 0 : peakW * (0.3 + (0.7 * season)) * Math.Pow(Math.Sin(Math.PI * x), 1.3);
    }

    /// <summary>
    /// The house's load in W without miners or battery: a base load, more of it in winter (circulation pump,
    /// lights), and the morning, lunch and evening peaks.
    /// </summary>
    public static double HouseLoadW(double baseW, double winterExtraW, double season, double hour)
    {
        var load = baseW + (winterExtraW * (1 - season));
        if (hour is >= 6.5 and < 8) load += 900;
        if (hour is >= 11.5 and < 13) load += 500;
        if (hour is >= 17.5 and < 21) load += 1200;
        return load;
    }
}
