using System.Collections.Immutable;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Overrides;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Telemetry;
using BitGridAI.Domain.Time;
using BitGridAI.Grains.Abstractions;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace BitGridAI.Grains.Site;

/// <summary>
/// The policy grain. At each block boundary (checked on a grain timer, or when asked): close every
/// device's telemetry window, decide each miner in priority order with the pure engine, finalize the
/// block record, persist, command the miners, publish the decisions. Decisions stay in the persisted
/// state until the recorder acknowledges them, so a crash between deciding and recording loses nothing.
/// </summary>
internal sealed class SiteGrain(
    [PersistentState("site", "bitgrid")] IPersistentState<SiteGrainState> state,
    SiteClock clock,
    ISiteCatalog catalog,
    IOptions<GrainTimingOptions> timing,
    ILogger<SiteGrain> logger) : Grain, ISiteGrain
{
    private SiteDefinition _site = null!;
    private IAsyncStream<DecisionRecord> _decisions = null!;

    private string SiteId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _site = catalog.Get(SiteId);
        _decisions = this.GetStreamProvider(Streams.Provider).GetStream<DecisionRecord>(StreamId.Create(Streams.Decisions, SiteId));
        state.State.WindowStart ??= clock.Now;

        // Wake the device grains so they poll from now on, not only from the first block close.
        await Task.WhenAll(_site.Devices.Select(d => Device(d).GetStatusAsync()));

        // What was decided but not recorded before a restart goes out again; the recorder drops duplicates.
        foreach (var pending in state.State.Pending.ToList())
        {
            await _decisions.OnNextAsync(pending);
        }

        if (timing.Value.TickCheckInterval > TimeSpan.Zero)
        {
            this.RegisterGrainTimer(_ => TickAsync(), new GrainTimerCreationOptions
            {
                DueTime = TimeSpan.Zero,
                Period = timing.Value.TickCheckInterval,
                Interleave = false,
                KeepAlive = true,
            });
        }
    }

    public async Task<TickOutcome> TickAsync()
    {
        var now = clock.Now;
        var block = BlockClock.IndexOf(now);
        if (state.State.LastDecidedBlock >= block)
        {
            return new TickOutcome(null, []);
        }

        // However many boundaries passed while nobody ticked, the current block is decided once.
        var windowStart = state.State.WindowStart ?? now;
        // Windows, the override and the miners' own states are independent: ask for them all at once.
        var windowsTask = Task.WhenAll(_site.Devices.Select(d => Device(d).CloseWindowAsync(now)));
        var activeTask = GrainFactory.GetGrain<IOverrideGrain>(SiteId).GetActiveAsync();
        var minersTask = Task.WhenAll(_site.Miners.Select(m => GrainFactory.GetGrain<IMinerGrain>(m.Id).GetMinerStateAsync()));
        var windows = await windowsTask;
        var active = await activeTask;
        var miners = (await minersTask).ToDictionary(m => m.MinerId);
        var decided = Decide(now, block, windows, active, miners);

        var proposed = new BlockRecord(SiteId, BlockClock.IdOf(block), windowStart, now, [.. windows], [.. decided.Select(d => d.Record)], now);
        var final = await GrainFactory.GetGrain<ISchedulerBlockGrain>($"{SiteId}/{proposed.BlockId}").FinalizeAsync(proposed);
        if (!ReferenceEquals(final, proposed) && final != proposed)
        {
            Log.BlockAlreadyFinalized(logger, SiteId, final.BlockId);
        }

        foreach (var (record, safety) in decided)
        {
            var stored = final.Decisions.FirstOrDefault(d => d.MinerId == record.MinerId) ?? record;
            Track(record.MinerId, stored, block, safety);
        }
        state.State.LastDecidedBlock = block;
        state.State.WindowStart = now;
        state.State.Sequence = Math.Max(state.State.Sequence, final.Decisions.Select(d => d.Sequence).DefaultIfEmpty(0).Max());
        state.State.Pending.AddRange(final.Decisions.Where(d => !state.State.Pending.Any(p => p.Sequence == d.Sequence)));
        await state.WriteStateAsync();

        foreach (var decision in final.Decisions)
        {
            await GrainFactory.GetGrain<IMinerGrain>(decision.MinerId).ApplyAsync(decision);
        }
        foreach (var decision in final.Decisions)
        {
            await _decisions.OnNextAsync(decision);
        }
        return new TickOutcome(final.BlockId, final.Decisions);
    }

    public async Task SetAutonomyAsync(string autonomy)
    {
        var parsed = DecisionText.ParseAutonomy(autonomy);
        if (parsed == Domain.Decisions.Autonomy.Unknown)
        {
            throw new ArgumentException($"autonomy: must be FULL, SEMI or MANUAL (got '{autonomy}')", nameof(autonomy));
        }
        state.State.Autonomy = DecisionText.Of(parsed);
        await state.WriteStateAsync();
    }

    public async Task AcknowledgeAsync(long sequence)
    {
        // Only this decision leaves the pending list: one that failed to record before it stays.
        if (state.State.Pending.RemoveAll(d => d.Sequence == sequence) == 0 && sequence <= state.State.Acknowledged)
        {
            return;
        }
        state.State.Acknowledged = Math.Max(state.State.Acknowledged, sequence);
        await state.WriteStateAsync();
    }

    public async Task ReportSafetyStopAsync(DecisionRecord stop, DateTimeOffset? lockoutStartedAt)
    {
        Track(stop.MinerId, stop, BlockClock.IndexOf(clock.Now), new SafetyMemory(lockoutStartedAt, LastTelemetryFresh: false));
        // Like a block decision, the safety decision gets a sequence number and stays pending, persisted, until the
        // recorder acknowledges it: a crash between the stop and its record loses nothing (it is published again on
        // activation, and the recorder drops a duplicate).
        var record = stop with { Sequence = ++state.State.Sequence };
        state.State.Pending.Add(record);
        await state.WriteStateAsync();
        await _decisions.OnNextAsync(record);
    }

    public Task<SiteStatus> GetStatusAsync()
    {
        var block = BlockClock.IndexOf(clock.Now);
        return Task.FromResult(new SiteStatus(
            SiteId,
            DecisionText.Of(Autonomy()),
            state.State.LastDecidedBlock is { } last ? BlockClock.IdOf(last) : null,
            state.State.Sequence,
            state.State.Acknowledged,
            [.. _site.Miners.Select(m =>
            {
                var track = TrackOf(m.Id);
                return new MinerTrackStatus(m.Id, DecisionText.Of(track.Actuator),
                    track.BlocksSinceChange(block), track.Safety.LockoutActive, state.State.Miners.GetValueOrDefault(m.Id)?.LastDecisionCode);
            })]));
    }

    /// <summary>RULES.md §6: miners one by one in priority order; each sees the surplus less the rated draw of those before it that will run.</summary>
    private List<(DecisionRecord Record, SafetyMemory Safety)> Decide(DateTimeOffset now, long block, DeviceWindow[] windows,
        ActiveOverride? active, Dictionary<string, MinerState> miners)
    {
        var meterIds = _site.Meters.Select(d => d.Id).ToHashSet();
        var siteWindows = windows.Where(w => meterIds.Contains(w.DeviceId)).SelectMany(w => w.Signals).Select(s => s.ToWindow()).ToList();
        var template = new DecisionContext
        {
            Autonomy = Autonomy(),
            Strategy = _site.Strategy,
            Trigger = Trigger.BlockTick,
            Override = active is null ? ManualOverride.None : new ManualOverride(DecisionText.ParseActuator(active.Action), active.ExpiresAt),
        };
        var reservedW = 0.0;
        var decided = new List<(DecisionRecord, SafetyMemory)>();
        foreach (var miner in _site.Miners)
        {
            var own = windows.First(w => w.DeviceId == miner.Id);
            var telemetry = new BlockTelemetry { MinerLastContact = own.LastContact }
                .AddRange(siteWindows)
                .AddRange(own.Signals.Select(s => s.ToWindow()));
            var energy = Reserve(telemetry.ToEnergyState(now, _site.Freshness), reservedW);
            var track = TrackOf(miner.Id);
            var reported = miners[miner.Id];
            var context = track.Context(template, now, block) with
            {
                // The miner's own readback is the actuator (RULES.md §1); until there is one, what was commanded.
                Actuator = reported.ConfirmedAction is { } confirmed ? DecisionText.ParseActuator(confirmed) : track.Actuator,
                EmergencyStop = reported.EmergencyStop,
                MinerPoweredOff = reported.RelayOpen,
            };
            var engine = _site.EngineFor(miner);
            var decision = DecisionEngine.Decide(energy, context, engine);
            var record = DecisionRecords.From(SiteId, miner.Id, ++state.State.Sequence, decision, energy, context, engine) with
            {
                ActuatorFault = reported.Fault,
                StartRefused = reported.RefusedStart,
            };
            decided.Add((record, decision.Safety));
            var runs = decision.Action is DecisionAction.Start or DecisionAction.Throttle
                || (decision.Action == DecisionAction.Noop && context.MinerRuns);
            reservedW += runs ? miner.RatedPowerW : 0;
        }
        return decided;
    }

    /// <summary>Takes the draw of miners already running this block out of the surplus a later miner sees.</summary>
    private static EnergyState Reserve(EnergyState energy, double reservedW)
    {
        if (reservedW <= 0)
        {
            return energy;
        }
        return energy.HouseLoadW is { } house
            ? energy.With(Signal.HouseLoadW, house + reservedW)
            : energy.PvPowerW is { } pv ? energy.With(Signal.PvPowerW, Math.Max(0, pv - reservedW)) : energy;
    }

    /// <summary>Carries a miner's track past a decision (the engine's own <see cref="ActuatorTrack.After"/>) and stores it.</summary>
    private void Track(string minerId, DecisionRecord decision, long block, SafetyMemory safety)
    {
        if (!DecisionCodes.TryParse(decision.DecisionCode, out var code))
        {
            throw new InvalidOperationException($"site {SiteId}: a decision record carries the unknown code '{decision.DecisionCode}'");
        }
        var next = TrackOf(minerId).After(new Decision { Code = code, BlockIndex = block, Safety = safety });
        state.State.Miners[minerId] = new MinerTrackState
        {
            Actuator = DecisionText.Of(next.Actuator),
            LastChangeBlock = next.LastChangeBlock,
            LockoutStartedAt = next.Safety.LockoutStartedAt,
            LastTelemetryFresh = next.Safety.LastTelemetryFresh,
            LastDecisionCode = decision.DecisionCode,
        };
    }

    private ActuatorTrack TrackOf(string minerId) => state.State.Miners.TryGetValue(minerId, out var m)
        ? new ActuatorTrack(
            DecisionText.ParseActuator(m.Actuator),
            m.LastChangeBlock,
            new SafetyMemory(m.LockoutStartedAt, m.LastTelemetryFresh))
        : ActuatorTrack.Initial;

    private Autonomy Autonomy() => state.State.Autonomy is { } set ? DecisionText.ParseAutonomy(set) : _site.DefaultAutonomy;

    private IDeviceGrain Device(DeviceDefinition device) => DeviceGrains.Of(GrainFactory, device);
}
