namespace BitGridAI.Storage.Mirror;

/// <summary>What one mirror run sent: segments (and their records), export directories, files, and notes for a person.</summary>
public sealed record MirrorPushReport(int Segments, long Records, int Exports, int Files, IReadOnlyList<string> Notes);
