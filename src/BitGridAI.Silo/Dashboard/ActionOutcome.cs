namespace BitGridAI.Silo.Dashboard;

/// <summary>What became of a dashboard action: done, or refused with the reason (as the event log records it).</summary>
public sealed record ActionOutcome(bool Accepted, string Detail);
