using BitGridAI.Domain.Decisions;
using static BitGridAI.Domain.Decisions.DecisionCode;

namespace BitGridAI.Explain.Templates;

/// <summary>Something the user can do about a decision.</summary>
public enum OptionKind
{
    Override = 0,
    StopOverrideOnly = 1,
    CancelOverride = 2,
    Wait = 3,
    ChangeThreshold = 4,
    AcknowledgeEmergencyStop = 5,
    SafetyFirst = 6,
    CoolMiner = 7,
    CheckConnection = 8,
    CheckMinerTelemetry = 9,
    CheckController = 10,
    CheckSensors = 11,
    FailSafeHold = 12,
    LeaveManual = 13,
    ConfirmSuggestedStop = 14,
    SwitchToFull = 15,
    ReduceGridDraw = 16,
}

/// <summary>One option; <see cref="Key"/> names the config key for <see cref="OptionKind.ChangeThreshold"/>.</summary>
public sealed record OptionSpec(OptionKind Kind, string? Key = null);

/// <summary>Which options each code offers, the same in every language.</summary>
public static class CodeOptions
{
    private static readonly OptionSpec Override = new(OptionKind.Override);
    private static readonly OptionSpec StopOnly = new(OptionKind.StopOverrideOnly);
    private static readonly OptionSpec Wait = new(OptionKind.Wait);
    private static readonly OptionSpec Safety = new(OptionKind.SafetyFirst);

    public static IReadOnlyList<OptionSpec> For(DecisionCode code) => code switch
    {
        STOP_R3_OVERTEMP => [new(OptionKind.CoolMiner), Threshold("max_chip_temp_c"), Wait, Safety],
        STOP_R3_EMERGENCY_STOP => [new(OptionKind.AcknowledgeEmergencyStop), Safety],
        STOP_R3_TEMP_UNKNOWN => [new(OptionKind.CheckMinerTelemetry), Safety],
        STOP_R3_COMM_TIMEOUT => [new(OptionKind.CheckConnection), Threshold("comm_timeout_sec"), Safety],
        STOP_R3_LOCKOUT_ACTIVE => [Wait, new(OptionKind.CoolMiner), Threshold("safety_lockout_min"), Safety],
        STOP_R3_DECISION_EXPIRED => [new(OptionKind.CheckController), Wait],
        START_OVR_MANUAL_OVERRIDE or THROTTLE_OVR_MANUAL_OVERRIDE or STOP_OVR_MANUAL_OVERRIDE => [new(OptionKind.CancelOverride), Override],
        NOOP_MANUAL_MODE => [new(OptionKind.LeaveManual), Override],
        STOP_DQ_SIGNAL_MISSING => [new(OptionKind.CheckSensors), new(OptionKind.FailSafeHold), StopOnly],
        NOOP_DQ_SIGNAL_MISSING => [new(OptionKind.CheckSensors), StopOnly],
        STOP_R1_SOC_RESERVE_STOP or NOOP_R1_SOC_RESERVE_STOP => [Wait, Threshold("soc_stop_pct"), StopOnly],
        STOP_R2_SOC_HARD_MIN or NOOP_R2_SOC_HARD_MIN => [Wait, Threshold("soc_hard_min_pct"), StopOnly],
        NOOP_R2_SOC_SOFT_MIN => [Wait, Threshold("soc_soft_min_pct"), Override],
        STOP_R2_GRID_IMPORT_EXCEEDED or NOOP_R2_GRID_IMPORT_EXCEEDED => [new(OptionKind.ReduceGridDraw), Threshold("max_grid_import_w"), StopOnly],
        STOP_R1_SURPLUS_LOST => [Wait, Threshold("surplus_stop_kw"), Override],
        NOOP_R1_SURPLUS_LOST => [new(OptionKind.ConfirmSuggestedStop), new(OptionKind.SwitchToFull), Override],
        NOOP_R4_FORECAST_PV_INSUFFICIENT => [Wait, Threshold("min_predicted_surplus_kw"), Override],
        NOOP_R4_FORECAST_PRICE_SPIKE => [Wait, Threshold("price_spike_threshold_ct"), Override],
        NOOP_R1_INSUFFICIENT_SURPLUS => [Wait, Threshold("surplus_throttle_min_kw"), Override],
        NOOP_R1_PRICE_TOO_HIGH => [Wait, Threshold("price_max_ct_kwh"), Override],
        THROTTLE_R1_SURPLUS_THROTTLE => [Wait, Threshold("surplus_min_kw"), Override],
        START_R1_SURPLUS_OK => [Threshold("surplus_min_kw"), Override],
        START_R1_SUPER => [Threshold("soc_super_pct"), Override],
        START_R1_STANDARD => [Threshold("soc_standard_pct"), Override],
        THROTTLE_R1_ECO => [Threshold("soc_eco_start_pct"), Override],
        NOOP_R1_SOC_HOLD_PV => [Wait, Threshold("pv_start_w"), Override],
        NOOP_R1_SOC_HOLD => [Wait, Threshold("soc_eco_start_pct"), Override],
        NOOP_R5_MIN_RUNTIME_NOT_REACHED => [Wait, Threshold("min_runtime_blocks"), Override],
        NOOP_R5_MIN_PAUSE_NOT_REACHED => [Wait, Threshold("min_pause_blocks"), Override],
        NOOP_R5_DEADBAND_ACTIVE => [Wait, Threshold("deadband_hold_blocks"), Override],
        START_R1_FLEET_SHARE or THROTTLE_R1_FLEET_SHARE => [Threshold("fleet_reserve_w"), Override],
        STOP_R1_FLEET_NO_SHARE or NOOP_R1_FLEET_NO_SHARE => [Wait, Threshold("fleet_reserve_w"), Override],
        STOP_R1_EXPORT_PAYS_MORE or NOOP_R1_EXPORT_PAYS_MORE => [Wait, Override],
        _ => [],
    };

    private static OptionSpec Threshold(string key) => new(OptionKind.ChangeThreshold, key);
}
