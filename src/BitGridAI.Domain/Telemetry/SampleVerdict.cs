using BitGridAI.Domain.Signals;

namespace BitGridAI.Domain.Telemetry;

/// <summary>Why a device grain refused a sample; counted per device and reason.</summary>
public enum SampleVerdict
{
    Unknown = 0,
    Accepted = 1,
    NotFinite = 2,
    BelowRange = 3,
    AboveRange = 4,
    /// <summary>Stamped later than the device's clock allows: a clock problem, never trusted.</summary>
    FromFuture = 5,
    /// <summary>Older than the signal's maximum age: it cannot describe the present.</summary>
    TooOld = 6,
    NotASignal = 7,
}

/// <summary>The checks every sample passes at its device grain before it counts (RULES.md §1 ranges, ARCHITECTURE max ages).</summary>
public static class SampleCheck
{
    /// <summary>How far ahead of the silo's clock a device clock may run.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromSeconds(5);

    public static SampleVerdict Judge(Signal signal, double value, DateTimeOffset at, DateTimeOffset now, TelemetryFreshness freshness)
    {
        if (!SignalInfo.IsDefined(signal)) return SampleVerdict.NotASignal;
        if (!double.IsFinite(value)) return SampleVerdict.NotFinite;
        if (value < SignalInfo.Min(signal)) return SampleVerdict.BelowRange;
        if (value > SignalInfo.Max(signal)) return SampleVerdict.AboveRange;
        if (at - now > FutureTolerance) return SampleVerdict.FromFuture;
        if (now - at > freshness.MaxAge(signal)) return SampleVerdict.TooOld;
        return SampleVerdict.Accepted;
    }
}
