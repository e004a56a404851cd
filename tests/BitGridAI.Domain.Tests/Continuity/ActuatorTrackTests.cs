using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Time;
using static BitGridAI.Domain.Decisions.DecisionCode;

namespace BitGridAI.Domain.Tests.Continuity;

/// <summary>RULES.md §1 "Context" and §7 replay: what a site carries from one evaluation of a miner to the next.</summary>
public sealed class ActuatorTrackTests
{
    private const long Block = 2_945_376;

    private static Decision Decided(DecisionCode code, long block) => new() { Code = code, BlockIndex = block };

    [Fact]
    public void StartsUnknownWithNoBlocksSinceChangeAndNoLockout()
    {
        var context = ActuatorTrack.Initial.Context(default, BlockClock.StartOf(Block), Block);

        Assert.Equal(ActuatorState.Unknown, context.Actuator);
        Assert.Equal(0, context.BlocksSinceChange);
        Assert.False(context.Safety.LockoutActive);
    }

    [Fact]
    public void FollowsEachStartThrottleAndStop()
    {
        var track = ActuatorTrack.Initial.After(Decided(START_R1_SURPLUS_OK, Block));
        Assert.Equal(ActuatorState.Start, track.Actuator);

        track = track.After(Decided(THROTTLE_R1_SURPLUS_THROTTLE, Block + 3));
        Assert.Equal(ActuatorState.Throttle, track.Actuator);
        Assert.Equal(Block + 3, track.LastChangeBlock);

        track = track.After(Decided(STOP_R3_OVERTEMP, Block + 4));
        Assert.Equal(ActuatorState.Stop, track.Actuator);
        Assert.Equal(Block + 4, track.LastChangeBlock);
    }

    [Fact]
    public void AChangeFromUnknownCounts()
    {
        var track = ActuatorTrack.Initial.After(Decided(STOP_DQ_SIGNAL_MISSING, Block));

        Assert.Equal(ActuatorState.Stop, track.Actuator);
        Assert.Equal(Block, track.LastChangeBlock);
    }

    [Fact]
    public void ANoopOrTheSameCommandChangesNothing()
    {
        var started = ActuatorTrack.Initial.After(Decided(START_R1_SURPLUS_OK, Block));

        var track = started.After(Decided(NOOP_R1_INSUFFICIENT_SURPLUS, Block + 1)).After(Decided(START_OVR_MANUAL_OVERRIDE, Block + 2));

        Assert.Equal(ActuatorState.Start, track.Actuator);
        Assert.Equal(Block, track.LastChangeBlock);
        Assert.Equal(2, track.BlocksSinceChange(Block + 2));
    }

    [Fact]
    public void BlocksSinceChangeAdvancesOverAGapOfSeveralBlocks()
    {
        var track = ActuatorTrack.Initial.After(Decided(START_R1_SURPLUS_OK, Block));

        var context = track.Context(default, BlockClock.StartOf(Block + 7), Block + 7);

        Assert.Equal(7, context.BlocksSinceChange);
        Assert.Equal(ActuatorState.Start, context.Actuator);
    }

    [Fact]
    public void TheLockoutClockRunsOnOverAGap()
    {
        var hot = Site.Sunny.Temp(90);
        var first = hot.Decide();
        var track = new ActuatorTrack(ActuatorState.Stop, Block - 10, default).After(first);
        Assert.Equal(Site.Noon, track.Safety.LockoutStartedAt);

        var later = Site.Noon.AddMinutes(40);
        var context = track.Context(Site.Sunny.Context, later, BlockClock.IndexOf(later));
        var decision = DecisionEngine.Decide(Site.Sunny.State, context, Site.Sunny.Config);

        Assert.Equal(START_R1_SURPLUS_OK, decision.Code);
        Assert.False(decision.Safety.LockoutActive);
    }

    [Fact]
    public void ASeriesOfBlocksHoldsAChangeUntilTheMinimumRuntimeIsReached()
    {
        var sunny = Site.Sunny;
        var track = ActuatorTrack.Initial;
        var codes = new List<DecisionCode>();
        double[] surplusKw = [4, 1, 1, 1, -1, -1, -1];
        for (var i = 0; i < surplusKw.Length; i++)
        {
            var now = BlockClock.StartOf(Block + i).AddMinutes(1);
            var site = sunny.SurplusKw(surplusKw[i]);
            var decision = DecisionEngine.Decide(site.State, track.Context(site.Context, now, Block + i), site.Config);
            codes.Add(decision.Code);
            track = track.After(decision);
        }

        Assert.Equal(
        [
            START_R1_SURPLUS_OK,
            NOOP_R5_MIN_RUNTIME_NOT_REACHED,
            NOOP_R5_MIN_RUNTIME_NOT_REACHED,
            THROTTLE_R1_SURPLUS_THROTTLE,
            NOOP_R5_MIN_RUNTIME_NOT_REACHED,
            NOOP_R5_MIN_RUNTIME_NOT_REACHED,
            STOP_R1_SURPLUS_LOST,
        ], codes);
    }
}
