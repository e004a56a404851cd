using BitGridAI.Adapters.Drivers;
using BitGridAI.Adapters.Miners;
using BitGridAI.Domain.Decisions;

namespace BitGridAI.Adapters.Tests;

/// <summary>The pure rules of the drivers: how long a failing device is left alone, and which mode a miner is in.</summary>
public sealed class DriverRulesTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(60, 30)]
    [InlineData(int.MaxValue, 30)]
    public void BackoffDoublesFromOneSecondUpToItsCap(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Default.After(failures));

    private static readonly MinerModes Avalon = new(new Dictionary<string, MinerModeSettings>
    {
        ["eco"] = new() { PowerW = 800 },
        ["standard"] = new() { PowerW = 1674 },
        ["super"] = new() { PowerW = 2000 },
    });

    [Theory]
    [InlineData(1674.0, 90.0, MinerMode.Standard)]
    [InlineData(1500.0, 85.0, MinerMode.Standard)]
    [InlineData(820.0, 40.0, MinerMode.Eco)]
    [InlineData(1950.0, 100.0, MinerMode.Super)]
    [InlineData(1838.0, 95.0, MinerMode.Super)] // just nearer super than standard
    [InlineData(60.0, 0.0, MinerMode.None)] // soft off: the control board still draws a little
    [InlineData(70.0, 2.0, MinerMode.Standard)] // it hashes: running, whatever a low power reading says
    [InlineData(1674.0, 0.0, MinerMode.Standard)] // it draws like a running miner: not stopped at zero hashrate
    [InlineData(390.0, 0.0, MinerMode.None)] // under half of eco power at a measured zero hashrate: idle
    [InlineData(70.0, null, MinerMode.None)] // power alone: under a tenth of eco power
    [InlineData(120.0, null, MinerMode.Eco)] // power alone: above a tenth of eco power counts as running
    [InlineData(null, 0.0, MinerMode.None)]
    [InlineData(null, 90.0, MinerMode.Standard)] // no power reading: hashing counts as running
    public void TheModeIsReadFromWhatTheMinerDraws(double? powerW, double? hashrateThs, MinerMode expected) =>
        Assert.Equal(expected, Avalon.Observed(powerW, hashrateThs));

    [Fact]
    public void AReplyWithNeitherHashrateNorPowerIsNoReadbackSoItCannotConfirmAStop() =>
        Assert.Throws<MinerApiException>(() => Avalon.Observed(powerW: null, hashrateThs: null));

    [Theory]
    [InlineData(ActuatorState.Start, MinerMode.Super, MinerMode.Super)]
    [InlineData(ActuatorState.Start, MinerMode.Standard, MinerMode.Standard)]
    [InlineData(ActuatorState.Start, MinerMode.None, MinerMode.Standard)]
    [InlineData(ActuatorState.Throttle, MinerMode.Super, MinerMode.Eco)]
    [InlineData(ActuatorState.Stop, MinerMode.Standard, MinerMode.None)]
    [InlineData(ActuatorState.Unknown, MinerMode.Standard, MinerMode.None)]
    public void ACommandRunsInTheEngineMode(ActuatorState action, MinerMode mode, MinerMode expected) =>
        Assert.Equal(expected, MinerModes.Target(action, mode));
}
