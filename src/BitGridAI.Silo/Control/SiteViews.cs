namespace BitGridAI.Silo.Control;

// What the API, the dashboard and Home Assistant show of a site. Field names are the API's (API.md, snake_case on
// the wire): add fields freely, never rename.

/// <summary>The site now: energy flows, each miner, autonomy, overrides, the last decision and health.</summary>
public sealed record SiteView(
    string SiteId,
    DateTimeOffset Time,
    string Autonomy,
    string Strategy,
    FlowsView Flows,
    IReadOnlyList<MinerView> Miners,
    IReadOnlyList<DeviceView> Devices,
    OverrideView? Override,
    IReadOnlyList<OverrideView> Overrides,
    DecisionSummary? LastDecision,
    HealthView Health);

/// <summary>
/// Power flows from the latest readings in W (null: not measured); surplus = PV − house load, before miners. Without a
/// house-load meter the house load is derived from the energy balance as the engine derives it (<c>house_derived</c>).
/// </summary>
public sealed record FlowsView(
    double? PvW,
    double? HouseW,
    double? BatteryW,
    double? BatterySocPct,
    double? GridImportW,
    double? GridExportW,
    double? MinersW,
    double? SurplusW,
    bool HouseDerived = false);

/// <summary>
/// One miner: what it was told and does, its readings, safety state and health. <c>hashrate_ths</c> is an estimate
/// from its measured draw and its template's rated hashrate and power (the firmware's own figure is not read).
/// </summary>
public sealed record MinerView(
    string Id,
    string? Mode,
    string? Action,
    string? ConfirmedAction,
    double? PowerW,
    double? TempC,
    double? HashrateThs,
    string Health,
    string? HealthReason,
    bool Lockout,
    DateTimeOffset? LockoutUntil,
    bool EmergencyStop,
    bool RelayOpen,
    string? Fault,
    string? LastDecisionCode,
    long BlocksSinceChange,
    int Priority);

public sealed record DeviceView(string Id, string Kind, string Health, string? HealthReason, DateTimeOffset? LastContact);

/// <summary>An override in force; <c>miner</c> null means every miner of the site.</summary>
public sealed record OverrideView(string Action, DateTimeOffset ExpiresAt, double RemainingS, string RequestedBy, string? Miner, string? Reason);

/// <summary>One recorded decision in a list: newest first.</summary>
public sealed record DecisionSummary(
    long Sequence,
    string BlockId,
    string Miner,
    string DecisionCode,
    string Action,
    string? Mode,
    string Trigger,
    string ShortText,
    DateTimeOffset DecidedAt);

/// <summary>ok (everything answers), degraded (a device or the event log has trouble; control goes on) or error.</summary>
public sealed record HealthView(string Status, IReadOnlyDictionary<string, string> Checks);

/// <summary>One decision of a block with its parameters and explanation.</summary>
public sealed record BlockDecisionView(
    long Sequence,
    string Miner,
    string DecisionCode,
    string Action,
    string? Mode,
    string Trigger,
    IReadOnlyDictionary<string, double?> Params,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Rejected,
    string? OverruledOverride,
    string? HeldBackProposal,
    DateTimeOffset DecidedAt,
    ExplanationBody? Explanation);

public sealed record ExplanationBody(
    string Language,
    string Persona,
    string Mood,
    string ShortText,
    string LongText,
    string Trigger,
    string DataBasis,
    string Effect,
    IReadOnlyList<string> Options,
    string Counterfactuals,
    IReadOnlyList<string> Notes);

public sealed record BlockView(string BlockId, DateTimeOffset? WindowStart, DateTimeOffset? WindowEnd, IReadOnlyList<BlockDecisionView> Decisions);

/// <summary>What the engine would decide now, per miner, with what was changed for the preview.</summary>
public sealed record PreviewView(DateTimeOffset Time, IReadOnlyDictionary<string, double?> Config, IReadOnlyList<PreviewDecision> Decisions);

public sealed record PreviewDecision(string Miner, string DecisionCode, string Action, string? Mode, string ShortText, IReadOnlyDictionary<string, double?> Params);

/// <summary>A grain activation: its type (as <c>/api/v1/grains/{type}/{key}</c> names it), key and silo.</summary>
public sealed record GrainActivation(string Type, string Key, string Silo);

public sealed record GrainTypeView(string Type, int Activations, IReadOnlyList<GrainActivation> Grains);
