namespace BitGridAI.Adapters.SunSpec;

/// <summary>The device is not SunSpec, or lacks the model asked for.</summary>
public sealed class SunSpecException(string message) : Exception(message);
