using BitGridAI.Domain.Decisions;

namespace BitGridAI.Domain.Overrides;

/// <summary>A person's order to START, THROTTLE or STOP a miner, active until it expires (null: no expiry, as in <c>decide</c>).</summary>
public readonly record struct ManualOverride(ActuatorState Action, DateTimeOffset? ExpiresAt)
{
    public static ManualOverride None => default;

    public bool IsActiveAt(DateTimeOffset now) => Action != ActuatorState.Unknown && (ExpiresAt is not { } end || now < end);
}
