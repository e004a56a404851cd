using System.Diagnostics;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Telemetry;
using BitGridAI.Domain.Time;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;
using BitGridAI.Grains.Site;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BitGridAI.Grains.Devices;

/// <summary>
/// A miner. Besides its telemetry it (1) runs R3 on every sample and on a watchdog, so a hot chip, a lost
/// contact, an emergency stop or an expired decision stops the miner at once — the STOP goes out first,
/// the site hears of it after and keeps the safety decision until the recorder has it; (2) carries out block
/// decisions, sending a command only when it changes what the miner was told, never starting it blind
/// (readiness gate), and confirming every command by readback, retrying with doubling waits before it
/// reports a fault; (3) opens the miner's relay when the miner does not take a STOP within its deadline, does
/// not answer, or keeps mining after the retries. Every device call (poll, command, readback, relay) runs
/// outside the grain's turn and reports back as a call of its own, so nothing a device does can delay a STOP.
/// </summary>
internal sealed class MinerGrain(
    [PersistentState("device", "bitgrid")] IPersistentState<DeviceGrainState> state,
    [PersistentState("miner", "bitgrid")] IPersistentState<MinerGrainState> miner,
    IDevicePort port,
    IMinerPort miners,
    IRelayPort relays,
    SiteClock clock,
    ISiteCatalog catalog,
    IOptions<GrainTimingOptions> timing,
    IOptions<ActuationOptions> actuation,
    ILogger<MinerGrain> logger) : DeviceGrain(state, port, clock, catalog, timing, logger), IMinerGrain, IMinerIoGrain
{
    private SiteDefinition _site = null!;
    private DeviceDefinition _device = null!;
    private long _safetyCommands;

    /// <summary>The send whose outcome counts; an older one's outcome only counts towards <see cref="MinerGrainState.CommandsSent"/>.</summary>
    private long _send;
    private CancellationTokenSource? _sending;
    private long _read;
    private bool _reading;
    private bool _switching;
    private IMinerIoGrain _self = null!;
    private bool _countedUnsaved;

    /// <summary>The code of the last safety evaluation: a change of it is an event worth persisting, a repeat is not.</summary>
    private DecisionCode _lastSafetyCode;

    /// <summary>The lockout start as last written: R3 restarts the timer at every hot evaluation, the store hears of it once per event.</summary>
    private DateTimeOffset? _persistedLockout;

    private string MinerId => this.GetPrimaryKeyString();

    /// <summary>The site's thresholds with this miner's chip limits, worked out once: the safety path reads them on every sample.</summary>
    private EngineConfig Engine { get; set; } = EngineConfig.Default;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _site = Catalog.SiteOf(MinerId);
        _device = _site.Devices.Single(d => d.Id == MinerId);
        Engine = _site.EngineFor(_device);
        _persistedLockout = miner.State.LockoutStartedAt;
        _self = this.AsReference<IMinerIoGrain>(); // once: the STOP path hands its outcome back through it
        // The watchdog first: whatever the device does during activation, lost contact and the dead-man's switch are watched.
        if (Timing.WatchdogInterval > TimeSpan.Zero)
        {
            this.RegisterGrainTimer(WatchdogAsync, new GrainTimerCreationOptions
            {
                DueTime = Timing.WatchdogInterval,
                Period = Timing.WatchdogInterval,
                Interleave = false,
                KeepAlive = true,
            });
        }
        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>Every sample batch is a safety check: this is the millisecond path.</summary>
    protected override Task OnSamplesAcceptedAsync(DateTimeOffset now) => CheckSafetyAsync(now);

    public async Task ApplyAsync(DecisionRecord decision)
    {
        var now = Clock.Now;
        var s = miner.State;
        s.LastDecisionCode = decision.DecisionCode;
        s.DecisionValidUntil = decision.ValidUntil;
        if (decision.Action == "NOOP")
        {
            await SaveAsync();
            return;
        }

        var action = DecisionText.ParseActuator(decision.Action);
        var mode = DecisionText.ParseMode(decision.Mode);
        if (action != ActuatorState.Stop && s.RelayOpen)
        {
            // Without power the miner cannot give the fresh temperature and contact the readiness gate asks for, so
            // a START or THROTTLE first only restores its power — when R3 for a powered-off miner finds nothing. It
            // then boots and reports, and the next decision starts it through the gate; no command goes out now.
            if (PowerUpRefusal(now) is { } held)
            {
                s.RefusedStart = held;
            }
            else
            {
                s.RefusedStart = "restoring power (relay closing): the miner starts at a later decision once it reports fresh temperature and contact";
                SwitchRelay(on: true);
            }
            await SaveAsync();
            return;
        }
        if (action != ActuatorState.Stop && StartRefusal(now) is { } refusal)
        {
            s.RefusedStart = refusal;
            await SaveAsync();
            return;
        }
        s.RefusedStart = null;
        var unchanged = decision.Action == s.CommandedAction && decision.Mode == s.CommandedMode;
        if (unchanged && s.Fault is null)
        {
            await SaveAsync();
            return;
        }
        if (action != ActuatorState.Stop && (s.RelayOpen || s.RelayOpenPending))
        {
            s.RelayOpenPending = false;
            SwitchRelay(on: true);
        }
        Send(action, mode, $"{decision.SiteId}/{decision.BlockId}/{decision.Sequence}", now);
        await SaveAsync();
    }

    public async Task EmergencyStopAsync(string requestedBy)
    {
        miner.State.EmergencyStop = true;
        await CheckSafetyAsync(Clock.Now);
        await SaveAsync();
    }

    public async Task AcknowledgeEmergencyStopAsync(string requestedBy)
    {
        miner.State.EmergencyStop = false;
        await SaveAsync();
    }

    public Task<MinerState> GetMinerStateAsync()
    {
        var s = miner.State;
        return Task.FromResult(new MinerState(MinerId, s.CommandedAction, s.CommandedMode, s.LastCommandId, s.LastDecisionCode, s.LastCommandAt, s.CommandsSent)
        {
            ConfirmedAction = s.ConfirmedAction,
            Fault = s.Fault,
            EmergencyStop = s.EmergencyStop,
            LockoutActive = s.LockoutStartedAt.HasValue,
            LockoutStartedAt = s.LockoutStartedAt,
            SafetyStops = s.SafetyStops,
            LastSafetyCode = s.LastSafetyCode,
            RelayOpen = s.RelayOpen,
            RefusedStart = s.RefusedStart,
            AwaitingConfirmation = s.AwaitingConfirmationSince.HasValue,
        });
    }

    /// <summary>R3 between ticks (RULES.md §5). It only ever stops or holds, and writes only when something changed.</summary>
    private async Task CheckSafetyAsync(DateTimeOffset now)
    {
        var evaluatedAt = Stopwatch.GetTimestamp();
        var s = miner.State;
        var context = new DecisionContext
        {
            Now = now,
            EmergencyStop = s.EmergencyStop,
            // Powered off only once the plug itself reported the relay open: a sent switch or a soft-off is not a power cut.
            MinerPoweredOff = s.RelayOpen,
            Safety = new SafetyMemory(s.LockoutStartedAt, s.LastTelemetryFresh),
            Trigger = Trigger.SafetyAsync,
        };
        var telemetry = MinerTelemetry(now);
        var code = DecisionEngine.EvaluateSafety(telemetry, context, Engine, out var next);
        s.LockoutStartedAt = next.LockoutStartedAt;
        s.LastTelemetryFresh = next.LastTelemetryFresh; // memory between evaluations: it flips with every gap, never a reason to write

        if (code == DecisionCode.Unknown && s.DecisionValidUntil is { } validUntil && now >= validUntil && s.CommandedAction != "STOP")
        {
            code = DecisionCode.STOP_R3_DECISION_EXPIRED; // the dead-man's switch: the policy grain has gone quiet
        }
        var lockoutEvent = (s.LockoutStartedAt is null) != (_persistedLockout is null)
            || (code != _lastSafetyCode && s.LockoutStartedAt != _persistedLockout);
        var previous = _lastSafetyCode;
        _lastSafetyCode = code;
        if (code == DecisionCode.Unknown)
        {
            // A lockout that starts or ends, or an event that ends with the timer's last restart, is written once;
            // the same state evaluated again (every sample, every watchdog tick) is not.
            if (lockoutEvent)
            {
                await SaveAsync();
            }
            return;
        }
        if (s.CommandedAction == "STOP")
        {
            await StillStoppingAsync(code, previous, lockoutEvent, telemetry, context, next, now, evaluatedAt);
            return;
        }

        // Act first: the STOP leaves before anything is recorded or reported.
        Send(ActuatorState.Stop, MinerMode.None, SafetyCommandId(now), now, safetyEvaluatedAt: evaluatedAt);
        await RecordSafetyStopAsync(code, telemetry, context, next, now);
    }

    /// <summary>
    /// R3 holds a miner already told to STOP. A STOP in progress is not sent again (the watchdog cuts the power when it
    /// is not taken by its deadline: <see cref="OpenRelayPastStopDeadlineAsync"/>), but a new over-temperature or
    /// emergency stop (the code changed: once per event, never per sample) is sent again — the miner may have
    /// resumed on its own, or its STOP was wrongly confirmed — or, with the relay open, the relay is switched off
    /// again, and is recorded; a STOP that faulted without a relay to fall back on is sent again.
    /// </summary>
    private async Task StillStoppingAsync(DecisionCode code, DecisionCode previous, bool lockoutEvent, EnergyState telemetry,
        DecisionContext context, SafetyMemory next, DateTimeOffset now, long evaluatedAt)
    {
        var s = miner.State;
        var hotEvent = code is DecisionCode.STOP_R3_OVERTEMP or DecisionCode.STOP_R3_EMERGENCY_STOP && code != previous;
        var faultedWithoutFallback = s.Fault is not null && !s.RelayOpen && !s.RelayOpenPending;
        // Its STOP was confirmed, yet it reports drawing like a running miner (it resumed on its own, or woke up
        // after its power came back) while R3 still holds it: a new STOP with a new deadline, and past that
        // deadline the watchdog cuts its power. Once per resumption: the resend awaits confirmation again.
        var resumed = s.ConfirmedAction == "STOP" && s.AwaitingConfirmationSince is null && !s.RelayOpen && DrawsLikeRunning(now);
        if (resumed)
        {
            s.ConfirmedAction = null;
        }
        if (!hotEvent && !faultedWithoutFallback && !resumed)
        {
            if (lockoutEvent)
            {
                await SaveAsync();
            }
            return;
        }
        if (s.RelayOpen)
        {
            SwitchRelay(on: false); // the plug said open, yet the miner reports: the power is cut again
        }
        else
        {
            Send(ActuatorState.Stop, MinerMode.None, SafetyCommandId(now), now, safetyEvaluatedAt: evaluatedAt);
        }
        await RecordSafetyStopAsync(code, telemetry, context, next, now);
    }

    private string SafetyCommandId(DateTimeOffset now) => $"{MinerId}/safety/{now.ToUnixTimeMilliseconds()}/{++_safetyCommands}";

    /// <summary>Writes the safety decision and hands it to the site, which keeps it pending until the recorder has it.</summary>
    private async Task RecordSafetyStopAsync(DecisionCode code, EnergyState telemetry, DecisionContext context, SafetyMemory next, DateTimeOffset now)
    {
        var s = miner.State;
        s.SafetyStops++;
        s.LastSafetyCode = code.ToString();
        s.LastSafetyAt = now;
        BitGridMetrics.SafetyStop(MinerId, s.LastSafetyCode);
        await SaveAsync();

        var decision = new Decision
        {
            Code = code,
            BlockIndex = BlockClock.IndexOf(now),
            Trigger = Trigger.SafetyAsync,
            Rejected = telemetry.Rejected,
            HouseLoadW = double.NaN,
            Safety = next,
        };
        // The site keeps the record pending until the recorder acknowledges it, and publishes it itself.
        var record = DecisionRecords.From(_site.Id, MinerId, 0, decision, telemetry, context, Engine);
        await GrainFactory.GetGrain<ISiteGrain>(_site.Id).ReportSafetyStopAsync(record, next.LockoutStartedAt);
    }

    /// <summary>The watchdog: safety with the clock moving on (lost contact, expiry), a relay still to open, then command confirmation.</summary>
    private async Task WatchdogAsync(CancellationToken cancellationToken)
    {
        var now = Clock.Now;
        await CheckSafetyAsync(now);
        await OpenRelayPastStopDeadlineAsync(now);
        if (miner.State.RelayOpenPending && !miner.State.RelayOpen)
        {
            SwitchRelay(on: false); // a relay that did not open is tried again, every tick, until the plug says it is open
        }
        await ConfirmAsync(now);
    }

    /// <summary>
    /// A STOP the miner has not confirmed by its deadline while R3 holds it (an over-temperature, an emergency stop, a
    /// lockout, lost contact): its readback still says it mines, or says nothing. Only cutting the power stops it, now
    /// — not after the 20/40/80/160 s retries, which stay for ordinary commands. Part of confirmation, so the watchdog's.
    /// </summary>
    /// <summary>Whether the STOP's deadline has also passed in real time since it was sent (see <see cref="Send"/>).</summary>
    private bool StopDeadlinePassedInRealTime() =>
        TimeProvider.System.GetElapsedTime(_sentAtRealTime) >= actuation.Value.StopDeadline;

    private long _sentAtRealTime;

    private async Task OpenRelayPastStopDeadlineAsync(DateTimeOffset now)
    {
        var s = miner.State;
        if (_lastSafetyCode == DecisionCode.Unknown || s.CommandedAction != "STOP" || s.AwaitingConfirmationSince is not { } since
            || now - since < actuation.Value.StopDeadline || !StopDeadlinePassedInRealTime()
            || _device.RelayId is null || s.RelayOpen || s.RelayOpenPending)
        {
            return;
        }
        Log.StopNotTaken(logger, MinerId, $"STOP not confirmed within {actuation.Value.StopDeadline.TotalSeconds:0.###} s while safety holds the miner ({_lastSafetyCode})", _device.RelayId);
        OpenRelay();
        await SaveAsync();
    }

    /// <summary>Asks the miner what it does (outside the turn); resends with doubling waits; after the last attempt, a fault — and for a STOP, the relay.</summary>
    private async Task ConfirmAsync(DateTimeOffset now)
    {
        var s = miner.State;
        if (s.AwaitingConfirmationSince is not { } since || s.CommandedAction is null)
        {
            return;
        }
        if (!_reading)
        {
            _reading = true;
            var read = ++_read;
            var self = _self;
            var id = MinerId;
            var cancel = _sending?.Token ?? Deactivating;
            OffTurn.HandBack(OffTurn.Run(() => miners.ReadModeAsync(id, cancel)), (mode, failure) => self.ReadBackAsync(read, mode, failure), logger, id);
        }
        var wait = actuation.Value.ConfirmTimeout * Math.Pow(2, Math.Max(0, s.Attempt - 1));
        if (now - since < wait)
        {
            return;
        }
        if (s.Attempt >= actuation.Value.MaxAttempts)
        {
            s.Fault = $"{s.CommandedAction} not confirmed by the miner after {s.Attempt} attempts";
            s.AwaitingConfirmationSince = null;
            if (s.CommandedAction == "STOP")
            {
                // It takes the STOP but keeps hashing or drawing: only cutting its power stops it.
                Log.StopNotTaken(logger, MinerId, s.Fault, _device.RelayId);
                OpenRelay();
            }
            await SaveAsync();
            return;
        }
        var action = DecisionText.ParseActuator(s.CommandedAction);
        var mode = DecisionText.ParseMode(s.CommandedMode);
        Send(action, mode, s.LastCommandId ?? $"{MinerId}/retry", now, retry: true);
        await SaveAsync();
    }

    public async Task ReadBackAsync(long read, MinerMode mode, DeviceFailure? failure)
    {
        if (read == _read)
        {
            _reading = false;
        }
        var s = miner.State;
        // No readback is no confirmation (the timeouts decide); a drivers' readback without hashrate or power fails
        // rather than report "not mining", so only a measured idle confirms a STOP.
        if (failure is not null || s.AwaitingConfirmationSince is null || s.CommandedAction is null)
        {
            return;
        }
        var running = mode == MinerMode.None ? "STOP" : mode == MinerMode.Eco ? "THROTTLE" : "START";
        if (running != s.CommandedAction)
        {
            return;
        }
        s.ConfirmedAction = running;
        s.AwaitingConfirmationSince = null;
        s.Attempt = 0;
        s.Fault = null;
        await SaveAsync();
    }

    /// <summary>
    /// One command out: it replaces whatever waits for confirmation (a safety STOP pre-empts it), and the command
    /// still in flight is cancelled once the new one has left, so a late START can never land after a STOP. The
    /// port call starts here, so the bytes are on their way when the turn ends; its outcome comes back later.
    /// A STOP has a deadline of its own: not taken by then, the relay opens. A safety STOP passes when R3 began
    /// evaluating (<paramref name="safetyEvaluatedAt"/>, a <see cref="Stopwatch"/> timestamp) for the latency metric.
    /// </summary>
    /// <param name="action">What the miner is told.</param>
    /// <param name="mode">The mode with it (none for a STOP).</param>
    /// <param name="commandId">The id the readback and the log know the command by.</param>
    /// <param name="now">Site time.</param>
    /// <param name="retry">A resend of the command waiting for confirmation.</param>
    /// <param name="safetyEvaluatedAt">0, or when the R3 evaluation that sends this STOP began.</param>
    private void Send(ActuatorState action, MinerMode mode, string commandId, DateTimeOffset now, bool retry = false, long safetyEvaluatedAt = 0)
    {
        _sentAtRealTime = TimeProvider.System.GetTimestamp();
        var s = miner.State;
        var actionName = DecisionText.Of(action)!;
        s.CommandedAction = actionName;
        s.CommandedMode = DecisionText.Of(mode);
        s.LastCommandId = commandId;
        s.LastCommandAt = now;
        s.Attempt = retry ? s.Attempt + 1 : 1;
        s.AwaitingConfirmationSince = now;
        s.Fault = null;

        var previous = _sending;
        _sending = action == ActuatorState.Stop
            // The deadline is a device's reply time: real time as well as site time, so an accelerated simulated
            // clock (×60 in the standalone site) never cuts a STOP off before its bytes could arrive.
            ? new CancellationTokenSource(actuation.Value.StopDeadline, TimeProvider.System)
            : CancellationTokenSource.CreateLinkedTokenSource(Deactivating);
        var send = ++_send;
        var token = _sending.Token;
        var id = MinerId;
        var command = new MinerCommand(commandId, action, mode);
        BitGridMetrics.CommandSent(id, actionName);
        var io = OffTurn.Start(() =>
        {
            if (safetyEvaluatedAt != 0)
            {
                BitGridMetrics.SafetyStopSent(id, safetyEvaluatedAt);
            }
            return miners.SendAsync(id, command, token);
        });
        previous?.Cancel();
        previous?.Dispose();
        var self = _self;
        OffTurn.HandBack(io, (_, failure) => self.CommandDoneAsync(send, failure), logger, id);
    }

    public async Task CommandDoneAsync(long send, DeviceFailure? failure)
    {
        var s = miner.State;
        if (failure is null)
        {
            s.CommandsSent++; // a counter for people: written with the next change (or at deactivation), not a write of its own
            _countedUnsaved = true;
            return;
        }
        if (send != _send)
        {
            return; // replaced by a newer command (we cancelled it): nothing to act on
        }
        Log.CommandFailed(logger, MinerId, s.LastCommandId ?? "", s.CommandedAction ?? "", failure.Message);
        if (s.CommandedAction == "STOP")
        {
            // Not taken within its deadline, or the miner does not answer: cut the power.
            OpenRelay();
            await SaveAsync();
        }
    }

    /// <summary>Opens the miner's relay until the plug confirms it; the watchdog retries a relay that did not open.</summary>
    private void OpenRelay()
    {
        if (_device.RelayId is null || miner.State.RelayOpen)
        {
            return;
        }
        miner.State.RelayOpenPending = true;
        SwitchRelay(on: false);
    }

    private void SwitchRelay(bool on)
    {
        if (_device.RelayId is not { } relay || _switching)
        {
            return;
        }
        _switching = true;
        var self = _self;
        // Each attempt has a deadline of its own: a hung plug is given up, and the watchdog tries again.
        var deadline = new CancellationTokenSource(actuation.Value.RelaySwitchDeadline, Clock.Time);
        var attempt = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, Deactivating);
        OffTurn.HandBack(OffTurn.Run(async () =>
        {
            try
            {
                await relays.SwitchAsync(relay, on, attempt.Token);
                return true;
            }
            finally
            {
                attempt.Dispose();
                deadline.Dispose();
            }
        }), (_, failure) => self.RelaySwitchedAsync(on, failure), logger, relay);
    }

    public async Task RelaySwitchedAsync(bool on, DeviceFailure? failure)
    {
        _switching = false;
        var s = miner.State;
        if (failure is not null)
        {
            // Not switched until the plug says so: the miner is not powered off, and the watchdog tries again.
            Log.CommandFailed(logger, _device.RelayId ?? "", on ? "relay-on" : "relay-off", on ? "START" : "STOP", failure.Message);
            return;
        }
        if (on)
        {
            s.RelayOpen = false;
            if (s.RelayOpenPending)
            {
                SwitchRelay(on: false); // a safety stop came in while the relay was closing
            }
        }
        else
        {
            s.RelayOpen = true;
            s.RelayOpenPending = false;
            s.ConfirmedAction = "STOP";
            s.AwaitingConfirmationSince = null;
        }
        await SaveAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_countedUnsaved)
        {
            await SaveAsync();
        }
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>Stores the miner's state; a store that refuses (storage lost) never stops the miner's control or safety.</summary>
    private async Task SaveAsync()
    {
        // Marked saved before the write (a change during it is saved next time), unmarked if the store refused.
        var before = _persistedLockout;
        (_persistedLockout, _countedUnsaved) = (miner.State.LockoutStartedAt, false);
        if (!await miner.TryWriteAsync(this, logger, $"miner {MinerId}"))
        {
            (_persistedLockout, _countedUnsaved) = (before, true);
        }
    }

    /// <summary>
    /// Why a miner whose relay is open may not get its power back, or null: R3 for a powered-off miner finds nothing
    /// (lockout released, no emergency stop) and its temperature is missing or at most t_resume_c.
    /// </summary>
    private string? PowerUpRefusal(DateTimeOffset now)
    {
        var s = miner.State;
        if (s.EmergencyStop)
        {
            return $"safety holds the miner ({DecisionCode.STOP_R3_EMERGENCY_STOP})";
        }
        var telemetry = MinerTelemetry(now);
        var context = new DecisionContext
        {
            Now = now,
            EmergencyStop = s.EmergencyStop,
            MinerPoweredOff = true,
            Safety = new SafetyMemory(s.LockoutStartedAt, s.LastTelemetryFresh),
            Trigger = Trigger.SafetyAsync,
        };
        var code = DecisionEngine.EvaluateSafety(telemetry, context, Engine, out _);
        if (code != DecisionCode.Unknown)
        {
            return $"safety holds the miner ({code})";
        }
        var temp = telemetry.ValueOrNaN(Signal.MinerTempC);
        return temp > SafetyLimits.Of(Engine).TResumeC ? $"the miner has not cooled to {SafetyLimits.Of(Engine).TResumeC} °C yet" : null;
    }

    /// <summary>The readiness gate: never start blind, never start what safety would stop.</summary>
    private string? StartRefusal(DateTimeOffset now)
    {
        var telemetry = MinerTelemetry(now);
        if (!telemetry.Has(Signal.MinerTempC) || !(telemetry.MinerHeartbeatAgeSec <= Engine.CommTimeoutSec))
        {
            return "no fresh temperature and contact from the miner yet";
        }
        var context = new DecisionContext
        {
            Now = now,
            EmergencyStop = miner.State.EmergencyStop,
            Safety = new SafetyMemory(miner.State.LockoutStartedAt, miner.State.LastTelemetryFresh),
            Trigger = Trigger.SafetyAsync,
        };
        var code = DecisionEngine.EvaluateSafety(telemetry, context, Engine, out _);
        return code == DecisionCode.Unknown ? null : $"safety holds the miner ({code})";
    }

    /// <summary>
    /// The miner's temperature and heartbeat age as R3 sees them. A contact stamped more than the tolerance ahead of
    /// the clock (a clock that ran ahead, or a site clock that resumed behind it) proves nothing: no heartbeat, as in
    /// <see cref="BlockTelemetry"/>, so the safety path stops a miner that is not powered off.
    /// </summary>
    /// <summary>
    /// A fresh power reading, taken after the last command went out, above half the miner's eco draw (its standard
    /// draw when no eco figure is known): more than an idle control board, as <c>MinerModes.Observed</c> reads a
    /// readback. A reading from before the STOP says nothing about what the miner does now.
    /// </summary>
    private bool DrawsLikeRunning(DateTimeOffset now) =>
        miner.State.LastCommandAt is { } sent
        && FreshSince(Signal.MinerPowerW, sent, now) is { } powerW
        && (_device.EcoDrawW ?? _device.RatedPowerW) is > 0 and var runningW
        && powerW > runningW / 2;

    private EnergyState MinerTelemetry(DateTimeOffset now)
    {
        var telemetry = EnergyState.Empty.With(Signal.MinerTempC, Fresh(Signal.MinerTempC, now));
        return State.State.LastContact is { } contact && contact - now <= SampleCheck.FutureTolerance
            ? telemetry.With(Signal.MinerHeartbeatAgeSec, Math.Max(0, (now - contact).TotalSeconds))
            : telemetry;
    }
}
