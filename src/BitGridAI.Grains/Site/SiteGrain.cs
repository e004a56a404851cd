using System.Collections.Immutable;
using System.Diagnostics;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Fleet;
using BitGridAI.Domain.Overrides;
using BitGridAI.Domain.Telemetry;
using BitGridAI.Domain.Time;
using BitGridAI.Grains.Abstractions;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Recording;
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
    ILogger<SiteGrain> logger) : Grain, ISiteGrain, IRemindable
{
    /// <summary>The persistent reminder that brings the site (and its devices' timers) back after a deactivation or restart.</summary>
    internal const string WakeReminder = "wake";

    private readonly Dictionary<string, LatestCarry> _carry = [];
    private SiteDefinition _site = null!;
    private SiteConfigDocument _config = null!;
    private IAsyncStream<DecisionRecord> _decisions = null!;

    private string SiteId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _site = catalog.Get(SiteId);
        _config = SiteConfigDocument.Of(_site);
        _decisions = this.GetStreamProvider(Streams.Provider).GetStream<DecisionRecord>(StreamId.Create(Streams.Decisions, SiteId));
        state.State.WindowStart ??= clock.Now;

        // Wake the device grains so they poll (and the miners' watchdogs run) from now on, not only from the
        // first block close. Their persisted latest readings seed the carry-over: an hourly price published
        // before a restart still counts in the blocks of its hour.
        var statuses = await WakeDevicesAsync();
        foreach (var status in statuses)
        {
            var carry = CarryOf(status.DeviceId);
            foreach (var sample in status.Latest)
            {
                carry.Remember(sample.Signal, sample.Value, sample.At);
            }
        }

        if (timing.Value.WakeInterval > TimeSpan.Zero)
        {
            // A timer dies with its activation; a reminder is stored (state.db) and reactivates the grain on
            // its next period, after a deactivation or a restart alike. One write per activation, so a changed
            // period takes effect at the next start.
            await this.RegisterOrUpdateReminder(WakeReminder, timing.Value.WakeInterval, timing.Value.WakeInterval, cancellationToken);
        }

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

    /// <summary>
    /// The wake reminder: its delivery is what reactivates a deactivated site grain (activation then starts the
    /// tick timer). Each period also wakes the device grains, so a miner grain that was deactivated on its own
    /// gets its safety watchdog back within one period.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == WakeReminder)
        {
            await WakeDevicesAsync();
        }
    }

    private Task<DeviceStatus[]> WakeDevicesAsync() => Task.WhenAll(_site.Devices.Select(d => Device(d).GetStatusAsync()));

    public async Task<TickOutcome> TickAsync()
    {
        var started = Stopwatch.GetTimestamp();
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
        var activeTask = GrainFactory.GetGrain<IOverrideGrain>(SiteId).GetAllActiveAsync();
        var minersTask = Task.WhenAll(_site.Miners.Select(m => GrainFactory.GetGrain<IMinerGrain>(m.Id).GetMinerStateAsync()));
        var windows = await windowsTask;
        var active = await activeTask;
        var miners = (await minersTask).ToDictionary(m => m.MinerId);
        // The decision sees latest-valued signals carried over from earlier blocks; the block record keeps the
        // windows as they were, so the audit shows what this block itself saw.
        var (decided, energyPath) = Decide(now, block, CarryOver(windows), active, miners, preview: null);

        var proposed = new BlockRecord(SiteId, BlockClock.IdOf(block), windowStart, now, [.. windows], [.. decided.Select(d => d.Record)], now)
        {
            EnergyPath = energyPath,
        };
        var final = await FinalizeAsync(proposed);
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
        // Commands go out even when the state cannot be stored: the decisions stay pending in memory until recorded.
        await state.TryWriteAsync(this, logger, $"site {SiteId}");

        foreach (var decision in final.Decisions)
        {
            await GrainFactory.GetGrain<IMinerGrain>(decision.MinerId).ApplyAsync(decision);
        }
        foreach (var decision in final.Decisions)
        {
            await _decisions.OnNextAsync(decision);
        }
        BitGridMetrics.BlockDecided(SiteId, started);
        return new TickOutcome(final.BlockId, final.Decisions);
    }

    /// <summary>
    /// The block's record as its grain finalized it (the first offer wins, so a block is decided once). When the
    /// block cannot be stored or read (storage lost), this activation's proposal stands: the site grain is the only
    /// one deciding its blocks; the record goes to the recorder directly and waits there with the decisions until the
    /// log takes them.
    /// </summary>
    private async Task<BlockRecord> FinalizeAsync(BlockRecord proposed)
    {
        try
        {
            return await GrainFactory.GetGrain<ISchedulerBlockGrain>($"{SiteId}/{proposed.BlockId}").FinalizeAsync(proposed);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.BlockNotStored(logger, SiteId, proposed.BlockId, e.Message);
            // The recorder cannot fetch it from the block grain either: it gets the record from here, ahead of the decisions.
            await GrainFactory.GetGrain<IRecorderGrain>(SiteId).RecordAsync(LogEntries.Of(proposed, _config.Hash));
            return proposed;
        }
    }

    public async Task SetAutonomyAsync(string autonomy, string requestedBy)
    {
        var parsed = DecisionText.ParseAutonomy(autonomy);
        if (parsed == Domain.Decisions.Autonomy.Unknown)
        {
            throw new ArgumentException($"autonomy: must be FULL, SEMI or MANUAL (got '{autonomy}')", nameof(autonomy));
        }
        var before = state.State.Autonomy;
        state.State.Autonomy = DecisionText.Of(parsed);
        await state.WriteStateAsync();
        // The change stands once stored; its log record follows one-way (a log that cannot be written never blocks control).
        await GrainFactory.GetGrain<IRecorderGrain>(SiteId).RecordAsync(
            LogEntries.Of(SiteId, clock.Now, new AutonomyBody(before, state.State.Autonomy, requestedBy)));
    }

    public async Task AcknowledgeAsync(long sequence)
    {
        // Only this decision leaves the pending list: one that failed to record before it stays.
        if (state.State.Pending.RemoveAll(d => d.Sequence == sequence) == 0 && sequence <= state.State.Acknowledged)
        {
            return;
        }
        state.State.Acknowledged = Math.Max(state.State.Acknowledged, sequence);
        await state.TryWriteAsync(this, logger, $"site {SiteId}");
    }

    public async Task ReportSafetyStopAsync(DecisionRecord stop, DateTimeOffset? lockoutStartedAt)
    {
        // The report is one-way (the miner never waits for the site, the site's tick calls the miner): it can arrive
        // after a block boundary, even after the tick that followed the stop. The stop counts from when it happened,
        // its own time and block, never from when its report arrived.
        var block = BlockClock.IndexOf(stop.DecidedAt);
        if (state.State.LastDecidedBlock is not null && state.State.WindowStart is { } lastTick && lastTick > stop.DecidedAt)
        {
            TrackLateStop(stop.MinerId, block, lockoutStartedAt);
        }
        else
        {
            Track(stop.MinerId, stop, block, new SafetyMemory(lockoutStartedAt, LastTelemetryFresh: false));
        }
        // Like a block decision, the safety decision gets a sequence number and stays pending, persisted, until the
        // recorder acknowledges it: a crash between the stop and its record loses nothing (it is published again on
        // activation, and the recorder drops a duplicate).
        var record = stop with { Sequence = ++state.State.Sequence, ConfigHash = _config.Hash };
        state.State.Pending.Add(record);
        await state.TryWriteAsync(this, logger, $"site {SiteId}");
        await _decisions.OnNextAsync(record);
    }

    public async Task<SiteStatus> GetStatusAsync()
    {
        var block = BlockClock.IndexOf(clock.Now);
        var recorder = await GrainFactory.GetGrain<IRecorderGrain>(SiteId).GetHealthAsync();
        return new SiteStatus(
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
            })])
        {
            Recorder = recorder,
        };
    }

    /// <summary>Each device's window plus its latest-valued signals from earlier blocks that this block did not see.</summary>
    private DeviceWindow[] CarryOver(DeviceWindow[] windows) =>
    [
        .. windows.Select(w => w with
        {
            Signals = [.. CarryOf(w.DeviceId).CarryInto(w.Signals.Select(s => s.ToWindow())).Select(WindowSummary.From)],
        }),
    ];

    private LatestCarry CarryOf(string deviceId)
    {
        if (!_carry.TryGetValue(deviceId, out var carry))
        {
            carry = new LatestCarry();
            _carry[deviceId] = carry;
        }
        return carry;
    }

    /// <summary>
    /// One block's decisions. A site with several miners shares its surplus among them (docs/fleet.md, which replaces
    /// RULES.md §6's reservation): each miner gets a share and its own decision; a lone miner is decided by the
    /// engine's thresholds alone.
    /// </summary>
    private (List<(DecisionRecord Record, SafetyMemory Safety)> Decided, EnergyPathRecord? EnergyPath) Decide(DateTimeOffset now, long block, DeviceWindow[] windows,
        ImmutableArray<ActiveOverride> overrides, Dictionary<string, MinerState> miners, PreviewRequest? preview)
    {
        // A preview numbers nothing: the site's sequence moves only for decisions that are taken.
        var sequence = state.State.Sequence;
        var meterIds = _site.Meters.Select(d => d.Id).ToHashSet();
        var siteWindows = windows.Where(w => meterIds.Contains(w.DeviceId)).SelectMany(w => w.Signals).Select(s => s.ToWindow()).ToList();
        var template = new DecisionContext
        {
            Autonomy = Autonomy(),
            Strategy = _site.Strategy,
            Trigger = Trigger.BlockTick,
        };
        var members = new List<FleetMember>();
        foreach (var miner in _site.Miners)
        {
            var own = windows.First(w => w.DeviceId == miner.Id);
            var telemetry = new BlockTelemetry { MinerLastContact = own.LastContact }
                .AddRange(siteWindows)
                .AddRange(own.Signals.Select(s => s.ToWindow()));
            var energy = telemetry.ToEnergyState(now, _site.Freshness);
            var track = TrackOf(miner.Id);
            var reported = miners[miner.Id];
            var context = track.Context(template, now, block) with
            {
                // The miner's own readback is the actuator (RULES.md §1); until there is one, what was commanded.
                Actuator = reported.ConfirmedAction is { } confirmed ? DecisionText.ParseActuator(confirmed) : track.Actuator,
                EmergencyStop = reported.EmergencyStop,
                MinerPoweredOff = reported.RelayOpen,
                // A miner's own override comes before the site-wide one.
                Override = (overrides.FirstOrDefault(o => o.MinerId == miner.Id) ?? overrides.FirstOrDefault(o => o.MinerId is null)) is { } active
                    ? new ManualOverride(DecisionText.ParseActuator(active.Action), active.ExpiresAt)
                    : ManualOverride.None,
            };
            var engine = preview is null ? _site.EngineFor(miner) : Previewed(_site.EngineFor(miner), preview);
            members.Add(new FleetMember(SiteFleet.MinerOf(miner, context, energy, reported), energy, context, engine));
        }
        var siteEngine = preview is null ? _site.Engine : Previewed(_site.Engine, preview);
        var pricing = members.Count > 1 ? SiteFleet.Pricing(_site, now, members[0].State) : null;
        IReadOnlyList<FleetOutcome> outcomes = pricing is not null
            ? FleetDecision.Decide(members, siteEngine, pricing)
            : [.. members.Select(m => new FleetOutcome(m.Miner.Id, DecisionEngine.Decide(m.State, m.Context, m.Config), m.Context))];

        var decided = new List<(DecisionRecord, SafetyMemory)>();
        foreach (var (member, outcome) in members.Zip(outcomes))
        {
            var reported = miners[member.Miner.Id];
            var record = DecisionRecords.From(SiteId, member.Miner.Id, preview is null ? ++sequence : 0, outcome.Decision, member.State, outcome.Context, member.Config) with
            {
                ActuatorFault = reported.Fault,
                StartRefused = reported.RefusedStart,
                ConfigHash = _config.Hash,
            };
            decided.Add((record, outcome.Decision.Safety));
        }
        if (preview is null)
        {
            state.State.Sequence = sequence;
        }
        return (decided, pricing is not null ? SiteFleet.Summary(pricing, members, outcomes) : null);
    }

    public async Task<ImmutableArray<DecisionRecord>> PreviewAsync(PreviewRequest request)
    {
        var now = clock.Now;
        var statusesTask = Task.WhenAll(_site.Devices.Select(d => Device(d).GetStatusAsync()));
        var minersTask = Task.WhenAll(_site.Miners.Select(m => GrainFactory.GetGrain<IMinerGrain>(m.Id).GetMinerStateAsync()));
        var overrides = request.Overrides.IsDefaultOrEmpty
            ? await GrainFactory.GetGrain<IOverrideGrain>(SiteId).GetAllActiveAsync()
            : request.Overrides;
        // The latest reading of each signal stands for the block so far: what the engine would see if it decided now.
        var windows = (await statusesTask).Select(s => new DeviceWindow(s.DeviceId,
            [.. s.Latest.Select(x => new WindowSummary(x.Signal, 1, x.Value, x.Value, x.Value, x.At))], s.LastContact, 0)).ToArray();
        var miners = (await minersTask).ToDictionary(m => m.MinerId);
        return [.. Decide(now, BlockClock.IndexOf(now), windows, overrides, miners, request).Decided.Select(d => d.Record)];
    }

    /// <summary>The thresholds a preview asks for over the ones in force (the caller checked names and ranges).</summary>
    private static EngineConfig Previewed(EngineConfig config, PreviewRequest request)
    {
        foreach (var (name, value) in request.Config)
        {
            if (ConfigKeys.Find(name) is { } key)
            {
                config = key.With(config, value);
            }
        }
        return ConfigKeys.TryParseDataFailSafe(request.DataFailSafe, out var failSafe) ? config with { DataFailSafe = failSafe } : config;
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

    /// <summary>
    /// A safety stop reported after a tick that decided without knowing of it. The tick's decision is the newer one
    /// and stands (code, actuator, freshness); the stop only dates what it did: a STOP the tick recorded as a change
    /// at its own block happened at the stop's block, and a lockout lasts from the later of the two starts.
    /// </summary>
    private void TrackLateStop(string minerId, long block, DateTimeOffset? lockoutStartedAt)
    {
        if (!state.State.Miners.TryGetValue(minerId, out var track))
        {
            return; // never decided by a tick: nothing can be newer than the stop (not reached: a tick tracks every miner)
        }
        if (DecisionText.ParseActuator(track.Actuator) == ActuatorState.Stop && track.LastChangeBlock > block)
        {
            track.LastChangeBlock = block;
        }
        if (lockoutStartedAt is { } started && !(track.LockoutStartedAt >= started))
        {
            track.LockoutStartedAt = started;
        }
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
