namespace BitGridAI.Domain.Decisions;

/// <summary>What a miner was last confirmed doing; also the action of a command or an override.</summary>
public enum ActuatorState
{
    /// <summary>Never confirmed (before the first readback): possibly running, never assumed stopped.</summary>
    Unknown = 0,
    /// <summary>Mining at full power.</summary>
    Start = 1,
    /// <summary>Mining at reduced power.</summary>
    Throttle = 2,
    /// <summary>Not mining.</summary>
    Stop = 3,
}
