using System.Collections.Immutable;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Tests;

/// <summary>
/// What a site's devices report during one block, as two samples per signal (50 s and 10 s before the
/// boundary, so the latest is fresh at the tick and the block mean differs from either sample).
/// </summary>
internal sealed record BlockReadings(double PvW, double HouseW, double ImportW, double ExportW, double SocPct, double BatteryW, double MinerTempC, double MinerW)
{
    public static readonly TimeSpan[] SampleOffsets = [TimeSpan.FromSeconds(-50), TimeSpan.FromSeconds(-10)];

    /// <summary>The samples of each device for the window that ends at <paramref name="boundary"/>; the first sample is 10 % lower than the second.</summary>
    public IEnumerable<(string Device, ImmutableArray<TelemetrySample> Samples)> Samples(string siteId, DateTimeOffset boundary)
    {
        IEnumerable<TelemetrySample> Two(Signal signal, double value) => SampleOffsets.Select((offset, i) =>
            new TelemetrySample(signal, i == 0 ? value * 0.9 : value * 1.1, boundary + offset));

        yield return ($"{siteId}-pv", [.. Two(Signal.PvPowerW, PvW)]);
        yield return ($"{siteId}-battery", [.. Two(Signal.BatterySocPct, SocPct), .. Two(Signal.BatteryPowerW, BatteryW)]);
        yield return ($"{siteId}-meter", [.. Two(Signal.HouseLoadW, HouseW), .. Two(Signal.GridImportW, ImportW), .. Two(Signal.GridExportW, ExportW)]);
        yield return ($"{siteId}-miner", [.. Two(Signal.MinerTempC, MinerTempC), .. Two(Signal.MinerPowerW, MinerW)]);
    }
}
