using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Time;

namespace BitGridAI.Domain.Tests.Continuity;

/// <summary>RULES.md §5: when a decision's valid_until passes with no newer decision, the miner stops on its own.</summary>
public sealed class DeadMansSwitchTests
{
    private static readonly DateTimeOffset ValidUntil = DateTimeOffset.Parse("2026-06-01T12:20:00Z");

    /// <summary>A START decided at 12:05, valid until 12:20, under a lockout clock that R3 carries.</summary>
    private static readonly Decision Last = Site.Sunny.Decide() with
    {
        Safety = new SafetyMemory(DateTimeOffset.Parse("2026-06-01T11:50:00Z"), LastTelemetryFresh: true),
    };

    /// <summary>The stop the switch carries out one minute after the last decision expired.</summary>
    public static Decision Expired() => DeadMansSwitch.Check(Last, ValidUntil.AddMinutes(1))!.Value;

    [Fact]
    public void StaysQuietWhileTheLastDecisionIsValid()
    {
        Assert.Equal(DecisionCode.START_R1_SURPLUS_OK, Last.Code);
        Assert.Null(DeadMansSwitch.Check(Last, ValidUntil.AddTicks(-1)));
        Assert.Null(DeadMansSwitch.Check(Last, Site.Noon));
    }

    [Fact]
    public void StopsTheMinerTheMomentTheLastDecisionExpires()
    {
        var stop = DeadMansSwitch.Check(Last, ValidUntil);

        Assert.NotNull(stop);
        Assert.Equal(DecisionCode.STOP_R3_DECISION_EXPIRED, stop.Value.Code);
        Assert.Equal(DecisionAction.Stop, stop.Value.Action);
        Assert.Equal(Trigger.SafetyAsync, stop.Value.Trigger);
    }

    [Fact]
    public void TheStopBelongsToTheBlockItHappensInAndKeepsTheLockoutClock()
    {
        var stop = Expired();

        Assert.Equal(BlockClock.IndexOf(ValidUntil.AddMinutes(1)), stop.BlockIndex);
        Assert.Equal(Last.Safety, stop.Safety);
    }
}
