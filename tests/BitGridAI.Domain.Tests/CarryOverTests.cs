using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Telemetry;
using BitGridAI.Domain.Time;

namespace BitGridAI.Domain.Tests;

/// <summary>
/// Runtime rules v3, "Latest values carry over": SoC, temperatures, price and forecast count in every block
/// window while younger than their max age; powers are means of their own window only.
/// </summary>
public sealed class CarryOverTests
{
    private static readonly DateTimeOffset BlockN = BlockClock.StartOf(BlockClock.IndexOf(new DateTimeOffset(2026, 6, 21, 12, 0, 0, TimeSpan.Zero)));

    /// <summary>Signal, value, minute of block N it was sampled at, block it is read in (its closing tick), whether it counts.</summary>
    public static TheoryData<Signal, double, double, int, bool> Cases => new()
    {
        // An hourly price sampled at minute 5 of block N counts at the ticks of the blocks of its hour ...
        { Signal.EnergyPriceCtKwh, 31.5, 5, 1, true },
        { Signal.EnergyPriceCtKwh, 31.5, 5, 5, true },
        // ... (block N+6 closes 65 min after it: older than 1 h) and not after.
        { Signal.EnergyPriceCtKwh, 31.5, 5, 6, false },
        { Signal.PvForecastKw, 4.2, 5, 2, true },
        { Signal.PvForecastKw, 4.2, 5, 7, false },
        // SoC keeps 120 s: a sample from minute 5 has aged out by the next tick, 15 min later.
        { Signal.BatterySocPct, 64, 5, 1, false },
        // Chip temperature keeps 60 s: never across a 10-minute block on its own.
        { Signal.MinerTempC, 71, 9.5, 1, false },
        // Powers never carry, however young.
        { Signal.PvPowerW, 5200, 9.9, 1, false },
        { Signal.GridImportW, 300, 9.9, 1, false },
        { Signal.MinerPowerW, 1674, 9.9, 1, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ALatestValuedSignalCountsInLaterBlocksWhileYoungerThanItsMaxAge(Signal signal, double value, double minute, int blocksLater, bool counts)
    {
        var carry = new LatestCarry();
        carry.CarryInto([SignalWindow.Empty(signal).Add(value, BlockN + TimeSpan.FromMinutes(minute))]);
        IReadOnlyList<SignalWindow> seen = [];
        for (var block = 1; block <= blocksLater; block++)
        {
            seen = carry.CarryInto([]); // blocks N+1 … with no new sample of the signal
        }
        var tick = BlockClock.StartOf(BlockClock.IndexOf(BlockN) + blocksLater + 1);

        var state = new BlockTelemetry().AddRange(seen).ToEnergyState(tick, TelemetryFreshness.Default);

        Assert.Equal(counts ? value : null, state[signal]);
    }

    [Fact]
    public void SocSampledJustBeforeATickCountsAtAnEarlyNextTickAsLongAsItIsYoungerThan120Seconds()
    {
        var carry = new LatestCarry();
        var sampled = BlockN + TimeSpan.FromMinutes(9.5);
        carry.CarryInto([SignalWindow.Empty(Signal.BatterySocPct).Add(64, sampled)]);
        var seen = new BlockTelemetry().AddRange(carry.CarryInto([]));

        Assert.Equal(64, seen.ToEnergyState(sampled + TimeSpan.FromSeconds(119), TelemetryFreshness.Default)[Signal.BatterySocPct]);
        Assert.Null(seen.ToEnergyState(sampled + TimeSpan.FromSeconds(121), TelemetryFreshness.Default)[Signal.BatterySocPct]);
    }

    [Fact]
    public void ANewerSampleInTheBlockReplacesTheCarriedOne()
    {
        var carry = new LatestCarry();
        carry.CarryInto([SignalWindow.Empty(Signal.EnergyPriceCtKwh).Add(31.5, BlockN + TimeSpan.FromMinutes(1))]);
        var next = BlockN + TimeSpan.FromMinutes(12);

        var seen = new BlockTelemetry().AddRange(carry.CarryInto([SignalWindow.Empty(Signal.EnergyPriceCtKwh).Add(12.0, next)]));

        Assert.Equal(12.0, seen.ToEnergyState(next + TimeSpan.FromMinutes(8), TelemetryFreshness.Default)[Signal.EnergyPriceCtKwh]);
    }

    [Fact]
    public void APriceMaxAgeIsConfigurable()
    {
        var carry = new LatestCarry();
        var sampled = BlockN + TimeSpan.FromMinutes(5);
        carry.CarryInto([SignalWindow.Empty(Signal.EnergyPriceCtKwh).Add(31.5, sampled)]);
        var seen = new BlockTelemetry().AddRange(carry.CarryInto([]));
        var quarterHour = TelemetryFreshness.Default with { PriceAndForecastMaxAge = TimeSpan.FromMinutes(15) };

        Assert.Null(seen.ToEnergyState(sampled + TimeSpan.FromMinutes(20), quarterHour)[Signal.EnergyPriceCtKwh]);
        Assert.Equal(31.5, seen.ToEnergyState(sampled + TimeSpan.FromMinutes(20), TelemetryFreshness.Default)[Signal.EnergyPriceCtKwh]);
    }

    [Fact]
    public void AReadingStampedAheadOfTheClockDoesNotCount()
    {
        var now = BlockN + TimeSpan.FromMinutes(5);
        var telemetry = new BlockTelemetry { MinerLastContact = now + TimeSpan.FromMinutes(2) }
            .Add(SignalWindow.Empty(Signal.MinerTempC).Add(70, now + TimeSpan.FromMinutes(2)));

        var state = telemetry.ToEnergyState(now, TelemetryFreshness.Default);

        Assert.Null(state[Signal.MinerTempC]);
        Assert.Null(state[Signal.MinerHeartbeatAgeSec]);
    }
}
