namespace BitGridAI.Storage.Export;

/// <summary>The research toggle's last switch: on or off, by whom, and when (log time text).</summary>
public sealed record ResearchSwitch(bool Enabled, string RequestedBy, string At, long Position);
