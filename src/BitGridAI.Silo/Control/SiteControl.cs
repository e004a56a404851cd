using System.Collections.Immutable;
using System.Globalization;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Kpis;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Telemetry;
using BitGridAI.Explain;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;
using BitGridAI.Silo.Api;

namespace BitGridAI.Silo.Control;

/// <summary>
/// What people can see and do with the silo's site — one place for the API, the dashboard and Home Assistant, so
/// the three never differ. Reads go to the grains; control goes through the override, site and miner grains, which
/// validate, persist and record it. Role checks happen before this (the API's policies, the dashboard's login).
/// </summary>
public sealed class SiteControl(IGrainFactory grains, SiteDefinition site, SiteClock clock, Func<string?>? databaseError = null)
{
    public SiteDefinition Site => site;

    public DateTimeOffset Now => clock.Now;

    public async Task<SiteView> GetSiteAsync()
    {
        var statusTask = grains.GetGrain<ISiteGrain>(site.Id).GetStatusAsync();
        var devicesTask = Task.WhenAll(site.Devices.Select(d => DeviceGrains.Of(grains, d).GetStatusAsync()));
        var minersTask = Task.WhenAll(site.Miners.Select(m => grains.GetGrain<IMinerGrain>(m.Id).GetMinerStateAsync()));
        var overridesTask = grains.GetGrain<IOverrideGrain>(site.Id).GetAllActiveAsync();
        var lastTask = grains.GetGrain<IExplanationGrain>(site.Id).GetShortTextsAsync(1);
        var status = await statusTask;
        var devices = (await devicesTask).ToDictionary(d => d.DeviceId);
        var miners = (await minersTask).ToDictionary(m => m.MinerId);
        var overrides = await overridesTask;
        var now = clock.Now;

        // The engine's view of the meters' latest fresh readings: the house load derived as the engine derives it.
        var energy = new BlockTelemetry()
            .AddRange(site.Meters.SelectMany(d => devices[d.Id].Latest).Select(s => new SignalWindow(s.Signal, 1, s.Value, s.Value, s.Value, s.At)))
            .ToEnergyState(now, Display(site.Freshness));
        var minerPower = site.Miners.SelectMany(m => devices[m.Id].Latest).Where(s => s.Signal == Signal.MinerPowerW).Select(s => s.Value).ToList();
        double? minersW = minerPower.Count == 0 ? null : minerPower.Sum();
        // Measured, or from the energy balance as RULES.md §1 derives it (null when a term is missing).
        var houseW = BlockEnergy.HouseLoadW(energy.ValueOrNaN(Signal.HouseLoadW), energy.ValueOrNaN(Signal.PvPowerW), energy.ValueOrNaN(Signal.GridImportW),
            energy.ValueOrNaN(Signal.BatteryPowerW), energy.ValueOrNaN(Signal.GridExportW), minersW ?? double.NaN);
        double? house = double.IsNaN(houseW) ? null : houseW;
        var flows = new FlowsView(
            energy.PvPowerW, house, energy.BatteryPowerW, energy.BatterySocPct, energy.GridImportW, energy.GridExportW, minersW,
            energy.PvPowerW is { } pv && house is { } h ? DecisionEngine.SurplusKw(pv, h, 0) * 1000 : null,
            HouseDerived: house is not null && energy.HouseLoadW is null);

        var minerViews = site.Miners.Select(m =>
        {
            var state = miners[m.Id];
            var device = devices[m.Id];
            var track = status.Miners.FirstOrDefault(t => t.MinerId == m.Id);
            var power = device.Latest.Where(s => s.Signal == Signal.MinerPowerW).Select(s => (double?)s.Value).FirstOrDefault();
            var temp = device.Latest.Where(s => s.Signal == Signal.MinerTempC).Select(s => (double?)s.Value).FirstOrDefault();
            var rated = m.DrawW(MinerMode.Standard);
            return new MinerView(
                m.Id, state.CommandedMode, state.CommandedAction, state.ConfirmedAction, power, temp,
                power is { } w && rated > 0 && m.RatedHashrateThs > 0 ? Math.Round(w / rated * m.RatedHashrateThs, 3) : null,
                device.Health, device.HealthReason, state.LockoutActive,
                state.LockoutStartedAt?.AddMinutes(site.EngineFor(m).SafetyLockoutMin),
                state.EmergencyStop, state.RelayOpen, state.Fault, track?.LastDecisionCode ?? state.LastDecisionCode,
                track?.BlocksSinceChange ?? 0, m.Priority);
        }).ToList();

        var last = (await grains.GetGrain<IRecorderGrain>(site.Id).GetRecentAsync(1)).LastOrDefault();
        var lastShort = await lastTask;
        return new SiteView(
            site.Id, now, status.Autonomy, DecisionText.Of(site.Strategy), flows, minerViews,
            [.. site.Devices.Select(d => new DeviceView(d.Id, DeviceKindName(d.Kind), devices[d.Id].Health, devices[d.Id].HealthReason, devices[d.Id].LastContact))],
            overrides.FirstOrDefault(o => o.MinerId is null) is { } siteWide ? View(siteWide, now) : null,
            [.. overrides.Select(o => View(o, now))],
            last is null ? null : Summary(last, lastShort),
            Health(status, devices.Values, databaseError?.Invoke()));
    }

    /// <summary>The newest recorded decisions first, with the short text the site printed for them.</summary>
    public async Task<IReadOnlyList<DecisionSummary>> GetDecisionsAsync(int limit)
    {
        var recordsTask = grains.GetGrain<IRecorderGrain>(site.Id).GetRecentAsync(limit);
        var texts = await grains.GetGrain<IExplanationGrain>(site.Id).GetShortTextsAsync(limit);
        var records = await recordsTask;
        return [.. records.Reverse().Select(r => Summary(r, texts))];
    }

    /// <summary>A block's decisions with parameters and explanations; null when the block has none (yet, or any more).</summary>
    public async Task<BlockView?> GetBlockAsync(string blockId, Language language, Persona persona)
    {
        var recordTask = grains.GetGrain<ISchedulerBlockGrain>($"{site.Id}/{blockId}").GetRecordAsync();
        var explained = await grains.GetGrain<IExplanationGrain>(site.Id).GetAsync(blockId, LanguageCode(language), PersonaName(persona));
        var record = await recordTask;
        // The block's own decisions, plus safety stops of that block the explanation grain still keeps.
        var decisions = (record?.Decisions ?? []).ToList();
        var recent = explained.Length > 0 ? await grains.GetGrain<IRecorderGrain>(site.Id).GetRecentAsync(1000) : [];
        decisions.AddRange(recent.Where(r => r.BlockId == blockId && decisions.All(d => d.Sequence != r.Sequence)
            && explained.Any(e => e.MinerId == r.MinerId && e.DecisionCode == r.DecisionCode)));
        if (decisions.Count == 0)
        {
            return null;
        }
        return new BlockView(blockId, record?.WindowStart, record?.WindowEnd, [.. decisions.OrderBy(d => d.Sequence).Select(d =>
        {
            var view = explained.FirstOrDefault(e => e.MinerId == d.MinerId && e.DecisionCode == d.DecisionCode) ?? Explain(d, language, persona);
            return new BlockDecisionView(d.Sequence, d.MinerId, d.DecisionCode, d.Action, d.Mode, d.Trigger, d.Params, d.Missing, d.Rejected,
                d.OverruledOverride, d.HeldBackProposal, d.DecidedAt, view is null ? null : Body(view));
        })]);
    }

    public Task<OverrideResult> SetOverrideAsync(Caller caller, string action, double durationMin, string? reason, string? miner) =>
        grains.GetGrain<IOverrideGrain>(site.Id).SetAsync(action, durationMin, caller.Name, miner, reason);

    public Task<OverrideResult> ClearOverrideAsync(Caller caller, string? miner) =>
        grains.GetGrain<IOverrideGrain>(site.Id).ClearAsync(caller.Name, miner);

    public async Task<string> GetAutonomyAsync() => (await grains.GetGrain<ISiteGrain>(site.Id).GetStatusAsync()).Autonomy;

    /// <summary>Sets FULL, SEMI or MANUAL; anything else is an <see cref="ArgumentException"/> naming the allowed values.</summary>
    public async Task<string> SetAutonomyAsync(Caller caller, string autonomy)
    {
        await grains.GetGrain<ISiteGrain>(site.Id).SetAutonomyAsync(autonomy, caller.Name);
        return await GetAutonomyAsync();
    }

    /// <summary>Every miner stops at once (each miner grain sends its STOP before it answers) and stays stopped until acknowledged.</summary>
    public Task EmergencyStopAsync(Caller caller) =>
        Task.WhenAll(site.Miners.Select(m => grains.GetGrain<IMinerGrain>(m.Id).EmergencyStopAsync(caller.Name)));

    /// <summary>Clears every miner's emergency stop; its lockout then runs out from here before a miner may start.</summary>
    public Task AcknowledgeEmergencyStopAsync(Caller caller) =>
        Task.WhenAll(site.Miners.Select(m => grains.GetGrain<IMinerGrain>(m.Id).AcknowledgeEmergencyStopAsync(caller.Name)));

    public async Task<PreviewView> PreviewAsync(PreviewRequest request)
    {
        var decided = await grains.GetGrain<ISiteGrain>(site.Id).PreviewAsync(request);
        return new PreviewView(clock.Now, request.Config, [.. decided.Select(d =>
            new PreviewDecision(d.MinerId, d.DecisionCode, d.Action, d.Mode, Explain(d, Language.English, Persona.Energy)?.ShortText ?? d.Summary, d.Params))]);
    }

    /// <summary>
    /// Readings are shown until ten times their max age: a value the engine no longer trusts is still the best a person
    /// can see (the device's health says how old it is); one older than that is shown as missing.
    /// </summary>
    private static TelemetryFreshness Display(TelemetryFreshness engine) => engine with
    {
        DefaultMaxAge = engine.DefaultMaxAge * 10,
        SocMaxAge = engine.SocMaxAge * 10,
        PriceAndForecastMaxAge = engine.PriceAndForecastMaxAge * 10,
    };

    public static string DeviceKindName(DeviceKind kind) => kind switch
    {
        DeviceKind.PvInverter => "pv_inverter",
        DeviceKind.Battery => "battery",
        DeviceKind.GridMeter => "grid_meter",
        DeviceKind.Miner => "miner",
        _ => "unknown",
    };

    public static string LanguageCode(Language language) => language == Language.German ? "de" : "en";

    public static string PersonaName(Persona persona) => persona.ToString().ToLowerInvariant();

    private ExplanationView? Explain(DecisionRecord record, Language language, Persona persona)
    {
        var miner = site.Miners.FirstOrDefault(m => m.Id == record.MinerId);
        var config = miner is null ? site.Engine : site.EngineFor(miner);
        return RecordedDecisionExplainer.Explain(record, config, language, persona) is { } e ? ExplanationViews.Of(record, e, []) : null;
    }

    private static ExplanationBody Body(ExplanationView v) => new(
        v.Language, v.Persona, v.Mood, v.ShortText, v.LongText, v.TriggerText, v.DataBasis, v.Effect, v.Options, v.CounterfactualText, v.Notes);

    private static DecisionSummary Summary(DecisionRecord r, ImmutableDictionary<long, string> texts) => new(
        r.Sequence, r.BlockId, r.MinerId, r.DecisionCode, r.Action, r.Mode, r.Trigger, texts.GetValueOrDefault(r.Sequence) ?? r.Summary, r.DecidedAt);

    public static OverrideView View(ActiveOverride o, DateTimeOffset now) =>
        new(o.Action, o.ExpiresAt, Math.Max(0, (o.ExpiresAt - now).TotalSeconds), o.RequestedBy, o.MinerId, o.Reason);

    /// <summary>Each check's state; "error" when the cluster's database is lost (nothing is stored), "degraded" when any other check fails.</summary>
    private HealthView Health(SiteStatus status, IEnumerable<DeviceStatus> devices, string? database)
    {
        var checks = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["site"] = "ok",
            ["event_log"] = status.Recorder is { Writing: false } recorder
                ? $"error: {recorder.Error} ({recorder.Waiting.ToString(CultureInfo.InvariantCulture)} waiting)"
                : "ok",
        };
        foreach (var device in devices)
        {
            checks[$"device:{device.DeviceId}"] = device.HealthReason is { Length: > 0 } reason ? $"{device.Health}: {reason}" : device.Health;
        }
        if (databaseError is not null)
        {
            checks["database"] = database is null ? "ok" : $"error: {database}";
        }
        var degraded = checks.Values.Any(v => !v.StartsWith("ok", StringComparison.Ordinal));
        return new HealthView(database is not null ? "error" : degraded ? "degraded" : "ok", checks);
    }
}
