namespace BitGridAI.Silo;

/// <summary>A problem that stops the silo at start; its message is all a person needs (no stack trace).</summary>
internal sealed class StartupException(string message) : Exception(message);
