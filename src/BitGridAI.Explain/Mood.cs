namespace BitGridAI.Explain;

/// <summary>The dashboard's picture of a decision's effect: START running, THROTTLE trotting, NOOP waiting, STOP sleeping.</summary>
public enum Mood
{
    Waiting = 0,
    Running = 1,
    Trotting = 2,
    Sleeping = 3,
}
