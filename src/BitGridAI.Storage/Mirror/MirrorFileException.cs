namespace BitGridAI.Storage.Mirror;

/// <summary>A mirrored file that cannot be opened, with the reason in words (too short, another key, changed or renamed).</summary>
public sealed class MirrorFileException(string message) : Exception(message);
