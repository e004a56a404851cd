namespace BitGridAI.Domain.Decisions;

/// <summary>
/// Every decision the engine (and the miner grain's dead-man's switch) can produce. Names are the
/// stable decision codes <c>{ACTION}_{RULE}_{REASON}</c>; numbers are stable too: add, never renumber.
/// <see cref="DecisionCodes"/> holds what each one means.
/// </summary>
public enum DecisionCode
{
    Unknown = 0,

    STOP_R3_OVERTEMP = 1,
    STOP_R3_EMERGENCY_STOP = 2,
    STOP_R3_TEMP_UNKNOWN = 3,
    STOP_R3_COMM_TIMEOUT = 4,
    STOP_R3_LOCKOUT_ACTIVE = 5,
    STOP_R3_DECISION_EXPIRED = 6,

    START_OVR_MANUAL_OVERRIDE = 10,
    THROTTLE_OVR_MANUAL_OVERRIDE = 11,
    STOP_OVR_MANUAL_OVERRIDE = 12,

    NOOP_MANUAL_MODE = 20,

    STOP_DQ_SIGNAL_MISSING = 30,
    NOOP_DQ_SIGNAL_MISSING = 31,

    STOP_R1_SOC_RESERVE_STOP = 40,
    NOOP_R1_SOC_RESERVE_STOP = 41,

    STOP_R2_SOC_HARD_MIN = 50,
    NOOP_R2_SOC_HARD_MIN = 51,
    NOOP_R2_SOC_SOFT_MIN = 52,
    STOP_R2_GRID_IMPORT_EXCEEDED = 53,
    NOOP_R2_GRID_IMPORT_EXCEEDED = 54,

    STOP_R1_SURPLUS_LOST = 60,
    NOOP_R1_SURPLUS_LOST = 61,

    NOOP_R4_FORECAST_PV_INSUFFICIENT = 70,
    NOOP_R4_FORECAST_PRICE_SPIKE = 71,

    NOOP_R1_INSUFFICIENT_SURPLUS = 80,
    NOOP_R1_PRICE_TOO_HIGH = 81,
    THROTTLE_R1_SURPLUS_THROTTLE = 82,
    START_R1_SURPLUS_OK = 83,

    START_R1_SUPER = 90,
    START_R1_STANDARD = 91,
    THROTTLE_R1_ECO = 92,
    NOOP_R1_SOC_HOLD_PV = 93,
    NOOP_R1_SOC_HOLD = 94,

    NOOP_R5_MIN_RUNTIME_NOT_REACHED = 100,
    NOOP_R5_MIN_PAUSE_NOT_REACHED = 101,
    NOOP_R5_DEADBAND_ACTIVE = 102,
}
