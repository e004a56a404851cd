namespace BitGridAI.Domain.Engine;

/// <summary>
/// What R3 carries from one evaluation of a miner to the next: when the lockout timer last
/// (re)started, and whether the previous evaluation had fresh, complete miner telemetry (a loss of
/// contact starts a lockout; a miner never reached since start does not).
/// </summary>
public readonly record struct SafetyMemory(DateTimeOffset? LockoutStartedAt, bool LastTelemetryFresh)
{
    public static SafetyMemory Initial => default;

    public bool LockoutActive => LockoutStartedAt.HasValue;
}
