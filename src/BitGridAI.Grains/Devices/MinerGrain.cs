using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;
using BitGridAI.Grains.Abstractions;
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
/// the safety event and the site hear of it after; (2) carries out block decisions, sending a command
/// only when it changes what the miner was told, never starting it blind (readiness gate), and confirming
/// every command by readback, retrying with doubling waits before it reports a fault; (3) opens the
/// miner's relay when the miner does not answer a safety stop.
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
    ILogger<MinerGrain> logger) : DeviceGrain(state, port, clock, catalog, timing, logger), IMinerGrain
{
    private SiteDefinition _site = null!;
    private DeviceDefinition _device = null!;
    private long _safetyCommands;

    private string MinerId => this.GetPrimaryKeyString();

    /// <summary>The site's thresholds with this miner's chip limits, worked out once: the safety path reads them on every sample.</summary>
    private EngineConfig Engine { get; set; } = EngineConfig.Default;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _site = Catalog.SiteOf(MinerId);
        _device = _site.Devices.Single(d => d.Id == MinerId);
        Engine = _site.EngineFor(_device);
        await base.OnActivateAsync(cancellationToken);
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
            await miner.WriteStateAsync();
            return;
        }

        var action = DecisionText.ParseActuator(decision.Action);
        var mode = DecisionText.ParseMode(decision.Mode);
        if (action != ActuatorState.Stop && StartRefusal(now) is { } refusal)
        {
            s.RefusedStart = refusal;
            await miner.WriteStateAsync();
            return;
        }
        s.RefusedStart = null;
        var unchanged = decision.Action == s.CommandedAction && decision.Mode == s.CommandedMode;
        if (unchanged && s.Fault is null)
        {
            await miner.WriteStateAsync();
            return;
        }
        if (action != ActuatorState.Stop && s.RelayOpen)
        {
            await CloseRelayAsync();
        }
        await SendAsync(action, mode, $"{decision.SiteId}/{decision.BlockId}/{decision.Sequence}", now);
        await miner.WriteStateAsync();
    }

    public async Task EmergencyStopAsync(string requestedBy)
    {
        miner.State.EmergencyStop = true;
        await CheckSafetyAsync(Clock.Now);
        await miner.WriteStateAsync();
    }

    public async Task AcknowledgeEmergencyStopAsync(string requestedBy)
    {
        miner.State.EmergencyStop = false;
        await miner.WriteStateAsync();
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
            SafetyStops = s.SafetyStops,
            LastSafetyCode = s.LastSafetyCode,
            RelayOpen = s.RelayOpen,
            RefusedStart = s.RefusedStart,
        });
    }

    /// <summary>R3 between ticks (RULES.md §5). It only ever stops or holds.</summary>
    private async Task CheckSafetyAsync(DateTimeOffset now)
    {
        var s = miner.State;
        var context = new DecisionContext
        {
            Now = now,
            EmergencyStop = s.EmergencyStop,
            MinerPoweredOff = s.RelayOpen || s.ConfirmedAction == "STOP",
            Safety = new SafetyMemory(s.LockoutStartedAt, s.LastTelemetryFresh),
            Trigger = Trigger.SafetyAsync,
        };
        var telemetry = MinerTelemetry(now);
        var code = DecisionEngine.EvaluateSafety(telemetry, context, Engine, out var next);
        var memoryChanged = next.LockoutStartedAt != s.LockoutStartedAt || next.LastTelemetryFresh != s.LastTelemetryFresh;
        s.LockoutStartedAt = next.LockoutStartedAt;
        s.LastTelemetryFresh = next.LastTelemetryFresh;

        if (code == DecisionCode.Unknown && s.DecisionValidUntil is { } validUntil && now >= validUntil && s.CommandedAction != "STOP")
        {
            code = DecisionCode.STOP_R3_DECISION_EXPIRED; // the dead-man's switch: the policy grain has gone quiet
        }
        var alreadyStopping = s.CommandedAction == "STOP" && s.Fault is null;
        if (code == DecisionCode.Unknown || alreadyStopping)
        {
            if (memoryChanged)
            {
                await miner.WriteStateAsync();
            }
            return;
        }

        // Act first: the STOP leaves before anything is recorded or reported.
        await SendAsync(ActuatorState.Stop, MinerMode.None, $"{MinerId}/safety/{now.ToUnixTimeMilliseconds()}/{++_safetyCommands}", now, safety: true);
        s.SafetyStops++;
        s.LastSafetyCode = code.ToString();
        s.LastSafetyAt = now;
        await miner.WriteStateAsync();

        var decision = new Decision
        {
            Code = code,
            BlockIndex = BlockClock.IndexOf(now),
            Trigger = Trigger.SafetyAsync,
            Rejected = telemetry.Rejected,
            HouseLoadW = double.NaN,
            Safety = next,
        };
        var record = DecisionRecords.From(_site.Id, MinerId, 0, decision, telemetry, context, Engine);
        await GrainFactory.GetGrain<ISiteGrain>(_site.Id).ReportSafetyStopAsync(record, next.LockoutStartedAt);
        await this.GetStreamProvider(Streams.Provider)
            .GetStream<DecisionRecord>(StreamId.Create(Streams.Decisions, _site.Id))
            .OnNextAsync(record);
    }

    /// <summary>The watchdog: safety with the clock moving on (lost contact, expiry), then command confirmation.</summary>
    private async Task WatchdogAsync(CancellationToken cancellationToken)
    {
        var now = Clock.Now;
        await CheckSafetyAsync(now);
        await ConfirmAsync(now, cancellationToken);
    }

    /// <summary>Reads back what the miner does; resends with doubling waits; after the last attempt, a fault the next decision reports.</summary>
    private async Task ConfirmAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var s = miner.State;
        if (s.AwaitingConfirmationSince is not { } since || s.CommandedAction is null)
        {
            return;
        }
        try
        {
            var reported = await miners.ReadModeAsync(MinerId, cancellationToken);
            var running = reported == MinerMode.None ? "STOP" : reported == MinerMode.Eco ? "THROTTLE" : "START";
            if (running == s.CommandedAction)
            {
                s.ConfirmedAction = running;
                s.AwaitingConfirmationSince = null;
                s.Attempt = 0;
                s.Fault = null;
                await miner.WriteStateAsync(cancellationToken);
                return;
            }
        }
        catch (DeviceUnreachableException)
        {
            // No readback is no confirmation: the timeout below decides.
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
            await miner.WriteStateAsync(cancellationToken);
            return;
        }
        var action = DecisionText.ParseActuator(s.CommandedAction);
        var mode = DecisionText.ParseMode(s.CommandedMode);
        await SendAsync(action, mode, s.LastCommandId ?? $"{MinerId}/retry", now, safety: action == ActuatorState.Stop, retry: true);
        await miner.WriteStateAsync(cancellationToken);
    }

    /// <summary>One command in flight: a new one replaces whatever waits for confirmation (a safety STOP pre-empts it).</summary>
    private async Task SendAsync(ActuatorState action, MinerMode mode, string commandId, DateTimeOffset now, bool safety = false, bool retry = false)
    {
        var s = miner.State;
        var text = DecisionText.Of(action)!;
        s.CommandedAction = text;
        s.CommandedMode = DecisionText.Of(mode);
        s.LastCommandId = commandId;
        s.LastCommandAt = now;
        s.Attempt = retry ? s.Attempt + 1 : 1;
        s.AwaitingConfirmationSince = now;
        s.Fault = null;
        try
        {
            await miners.SendAsync(MinerId, new MinerCommand(commandId, action, mode), CancellationToken.None);
            s.CommandsSent++;
        }
        catch (DeviceUnreachableException e)
        {
            Log.CommandFailed(logger, MinerId, commandId, text, e.Message);
            if (safety)
            {
                await OpenRelayAsync();
            }
        }
    }

    private async Task OpenRelayAsync()
    {
        if (_device.RelayId is not { } relay || miner.State.RelayOpen)
        {
            return;
        }
        try
        {
            await relays.SwitchAsync(relay, on: false, CancellationToken.None);
            miner.State.RelayOpen = true;
            miner.State.ConfirmedAction = "STOP";
            miner.State.AwaitingConfirmationSince = null;
        }
        catch (DeviceUnreachableException e)
        {
            Log.CommandFailed(logger, relay, "relay-off", "STOP", e.Message);
        }
    }

    private async Task CloseRelayAsync()
    {
        try
        {
            await relays.SwitchAsync(_device.RelayId!, on: true, CancellationToken.None);
            miner.State.RelayOpen = false;
        }
        catch (DeviceUnreachableException e)
        {
            Log.CommandFailed(logger, _device.RelayId!, "relay-on", "START", e.Message);
        }
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

    private EnergyState MinerTelemetry(DateTimeOffset now)
    {
        var telemetry = EnergyState.Empty.With(Signal.MinerTempC, Fresh(Signal.MinerTempC, now));
        return State.State.LastContact is { } contact
            ? telemetry.With(Signal.MinerHeartbeatAgeSec, Math.Max(0, (now - contact).TotalSeconds))
            : telemetry;
    }
}
