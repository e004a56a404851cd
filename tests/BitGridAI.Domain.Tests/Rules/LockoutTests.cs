using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Time;
using static BitGridAI.Domain.Decisions.DecisionCode;
using static BitGridAI.Domain.Tests.Site;

namespace BitGridAI.Domain.Tests.Rules;

/// <summary>RULES.md §2 step 1, "Lockout": when it starts, how it holds and when it releases.</summary>
public sealed class LockoutTests
{
    private static readonly Site Locked = Sunny.Temp(70);

    public static TheoryData<Case> Rows => new()
    {
        new("29.9 min after the timer started, cool and reachable", Locked.LockoutStarted(29.9), STOP_R3_LOCKOUT_ACTIVE),
        new("exactly 30 min after, cool and reachable: released, the evaluation goes on", Locked.LockoutStarted(30), START_R1_SURPLUS_OK),
        new("30 min after but 75.1 °C > t_resume_c 75", Locked.LockoutStarted(30).Temp(75.1), STOP_R3_LOCKOUT_ACTIVE),
        new("30 min after at exactly t_resume_c 75 °C", Locked.LockoutStarted(30).Temp(75), START_R1_SURPLUS_OK),
        new("30 min after with a heartbeat of exactly comm_timeout_sec", Locked.LockoutStarted(30).Heartbeat(60), START_R1_SURPLUS_OK),
        new("30 min after but contact is stale", Locked.LockoutStarted(30).Heartbeat(61), STOP_R3_COMM_TIMEOUT),
        new("30 min after, powered off and no telemetry", Locked.LockoutStarted(30).PoweredOff().Temp(null).Heartbeat(null), START_R1_SURPLUS_OK),
        new("v3: 30 min after, powered off but still 80 °C > t_resume_c: holds", Locked.LockoutStarted(30).PoweredOff().Temp(80), STOP_R3_LOCKOUT_ACTIVE),
        new("v3: max_chip_temp_c 95, 30 min after, powered off at 90 °C: holds", Locked.Set("max_chip_temp_c", 95).LockoutStarted(30).PoweredOff().Temp(90), STOP_R3_LOCKOUT_ACTIVE),
        new("30 min after, powered off at exactly t_resume_c 75 °C: released", Locked.LockoutStarted(30).PoweredOff().Temp(75).Heartbeat(null), START_R1_SURPLUS_OK),
        new("30 min after, powered off at 75.1 °C: holds", Locked.LockoutStarted(30).PoweredOff().Temp(75.1).Heartbeat(null), STOP_R3_LOCKOUT_ACTIVE),
        new("30 min after, powered off, temperature missing, stale heartbeat: released", Locked.LockoutStarted(30).PoweredOff().Temp(null).Heartbeat(900), START_R1_SURPLUS_OK),
        new("t_resume_c 99 ≥ the clamped limit 95 (max_chip_temp_c 120) falls back to 85 °C: 85.1 °C holds",
            Locked.Set("max_chip_temp_c", 120).Set("t_resume_c", 99).LockoutStarted(30).Temp(85.1), STOP_R3_LOCKOUT_ACTIVE),
        new("t_resume_c 99 ≥ the clamped limit 95 falls back to 85 °C: 85 °C releases",
            Locked.Set("max_chip_temp_c", 120).Set("t_resume_c", 99).LockoutStarted(30).Temp(85), START_R1_SURPLUS_OK),
        new("t_resume_c 90 below the clamped limit 95 is used as configured: 90 °C releases",
            Locked.Set("max_chip_temp_c", 120).Set("t_resume_c", 90).LockoutStarted(30).Temp(90), START_R1_SURPLUS_OK),
        new("t_resume_c 85 = max_chip_temp_c 85 (unvalidated) falls back to 75 °C: 80 °C holds",
            Locked.Set("t_resume_c", 85).LockoutStarted(30).Temp(80), STOP_R3_LOCKOUT_ACTIVE),
        new("t_resume_c NaN (unvalidated) falls back to 75 °C: 75 °C releases",
            Locked.Set("t_resume_c", double.NaN).LockoutStarted(30).Temp(75), START_R1_SURPLUS_OK),
        new("t_resume_c NaN (unvalidated) falls back to 75 °C: 75.1 °C holds",
            Locked.Set("t_resume_c", double.NaN).LockoutStarted(30).Temp(75.1), STOP_R3_LOCKOUT_ACTIVE),
        new("29 min after, powered off: time is not served", Locked.LockoutStarted(29).PoweredOff(), STOP_R3_LOCKOUT_ACTIVE),
        new("31 min after but the emergency stop is not acknowledged", Locked.LockoutStarted(31).EmergencyStop(), STOP_R3_EMERGENCY_STOP),
        new("safety_lockout_min 0: released at the next cool evaluation", Locked.Set("safety_lockout_min", 0).LockoutStarted(0), START_R1_SURPLUS_OK),
        new("safety_lockout_min 60: 45 min is not enough", Locked.Set("safety_lockout_min", 60).LockoutStarted(45), STOP_R3_LOCKOUT_ACTIVE),
        new("a lockout holds against a START override", Locked.LockoutStarted(5).Override(ActuatorState.Start), STOP_R3_LOCKOUT_ACTIVE),
        new("a lockout holds in MANUAL autonomy", Locked.LockoutStarted(5).Manual(), STOP_R3_LOCKOUT_ACTIVE),
        new("a lockout holds in SEMI autonomy as a STOP", Locked.LockoutStarted(5).Semi(), STOP_R3_LOCKOUT_ACTIVE),
        new("a released lockout goes on to the data-quality step", Locked.LockoutStarted(30).Pv(null), STOP_DQ_SIGNAL_MISSING),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void HoldsAndReleasesTheLockoutAsRulesMdSays(Case row) => row.AssertDecides();

    [Fact]
    public void ReleasingTheLockoutClearsItsTimer()
    {
        var decision = Locked.LockoutStarted(30).Decide();

        Assert.Null(decision.Safety.LockoutStartedAt);
    }

    [Fact]
    public void OvertemperatureStartsTheTimerAndItHoldsForThirtyMinutes()
    {
        var run = new Run(Sunny);

        Assert.Equal(STOP_R3_OVERTEMP, run.At(0, s => s.Temp(90)));
        Assert.Equal(STOP_R3_LOCKOUT_ACTIVE, run.At(10, s => s.Temp(60)));
        Assert.Equal(STOP_R3_LOCKOUT_ACTIVE, run.At(29, s => s.Temp(60)));
        Assert.Equal(START_R1_SURPLUS_OK, run.At(30, s => s.Temp(60)));
    }

    [Fact]
    public void EveryOvertemperatureRestartsTheTimer()
    {
        var run = new Run(Sunny);

        Assert.Equal(STOP_R3_OVERTEMP, run.At(0, s => s.Temp(90)));
        Assert.Equal(STOP_R3_OVERTEMP, run.At(20, s => s.Temp(86)));
        Assert.Equal(STOP_R3_LOCKOUT_ACTIVE, run.At(35, s => s.Temp(60)));
        Assert.Equal(START_R1_SURPLUS_OK, run.At(50, s => s.Temp(60)));
    }

    [Fact]
    public void LossOfContactAfterFreshTelemetryStartsTheLockout()
    {
        var run = new Run(Sunny);

        Assert.Equal(START_R1_SURPLUS_OK, run.At(0, s => s));
        Assert.Equal(STOP_R3_COMM_TIMEOUT, run.At(10, s => s.Heartbeat(null)));
        Assert.Equal(STOP_R3_COMM_TIMEOUT, run.At(20, s => s.Heartbeat(120)));
        Assert.Equal(STOP_R3_LOCKOUT_ACTIVE, run.At(30, s => s));
        Assert.Equal(STOP_R3_LOCKOUT_ACTIVE, run.At(39, s => s));
        Assert.Equal(START_R1_SURPLUS_OK, run.At(40, s => s));
    }

    [Fact]
    public void TemperatureLostAfterFreshTelemetryStartsTheLockout()
    {
        var run = new Run(Sunny);

        Assert.Equal(START_R1_SURPLUS_OK, run.At(0, s => s));
        Assert.Equal(STOP_R3_TEMP_UNKNOWN, run.At(10, s => s.Temp(null)));
        Assert.Equal(STOP_R3_LOCKOUT_ACTIVE, run.At(20, s => s));
        Assert.Equal(START_R1_SURPLUS_OK, run.At(40, s => s));
    }

    [Fact]
    public void AMinerNeverReachedSinceStartRunsAsSoonAsItAnswers()
    {
        var run = new Run(Sunny.PreviousTelemetryFresh(false));

        Assert.Equal(STOP_R3_COMM_TIMEOUT, run.At(0, s => s.Heartbeat(null)));
        Assert.Equal(STOP_R3_TEMP_UNKNOWN, run.At(10, s => s.Temp(null).Heartbeat(null)));
        Assert.Equal(START_R1_SURPLUS_OK, run.At(20, s => s));
    }

    [Fact]
    public void AMinerPoweredOnAgainWithoutTelemetryIsNoLossOfContact()
    {
        var run = new Run(Sunny);

        Assert.Equal(START_R1_SURPLUS_OK, run.At(0, s => s.PoweredOff().Temp(null).Heartbeat(null)));
        Assert.Equal(STOP_R3_TEMP_UNKNOWN, run.At(10, s => s.Temp(null).Heartbeat(null)));
        Assert.Null(run.Track.Safety.LockoutStartedAt);
        Assert.Equal(START_R1_SURPLUS_OK, run.At(40, s => s));
    }

    [Fact]
    public void AnEmergencyStopHoldsTheLockoutUntilAcknowledgedAndThirtyMinutesPassed()
    {
        var run = new Run(Sunny);

        Assert.Equal(STOP_R3_EMERGENCY_STOP, run.At(0, s => s.EmergencyStop()));
        Assert.Equal(STOP_R3_EMERGENCY_STOP, run.At(10, s => s.EmergencyStop()));
        Assert.Equal(STOP_R3_LOCKOUT_ACTIVE, run.At(20, s => s));
        Assert.Equal(STOP_R3_LOCKOUT_ACTIVE, run.At(39, s => s));
        Assert.Equal(START_R1_SURPLUS_OK, run.At(40, s => s));
    }

    [Fact]
    public void AnEmergencyStopAcknowledgedLateReleasesAtOnceWhenTheTimeIsServed()
    {
        var run = new Run(Sunny);

        Assert.Equal(STOP_R3_EMERGENCY_STOP, run.At(0, s => s.EmergencyStop()));
        Assert.Equal(STOP_R3_EMERGENCY_STOP, run.At(45, s => s.EmergencyStop()));
        Assert.Equal(STOP_R3_LOCKOUT_ACTIVE, run.At(46, s => s));
        Assert.Equal(START_R1_SURPLUS_OK, run.At(75, s => s));
    }

    /// <summary>Evaluations of one miner over time, carrying the actuator and R3's memory as a live site does.</summary>
    private sealed class Run(Site start)
    {
        public ActuatorTrack Track { get; private set; } =
            new(start.Context.Actuator, BlockClock.IndexOf(start.Context.Now) - 10, start.Context.Safety);

        public DecisionCode At(double minutes, Func<Site, Site> change)
        {
            var now = Noon.AddMinutes(minutes);
            var site = change(start.At(now));
            var context = Track.Context(site.Context, now, BlockClock.IndexOf(now));
            var decision = DecisionEngine.Decide(site.State, context, site.Config);
            Track = Track.After(decision);
            return decision.Code;
        }
    }
}
