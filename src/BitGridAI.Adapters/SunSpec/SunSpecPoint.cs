namespace BitGridAI.Adapters.SunSpec;

/// <summary>One decoded point of a SunSpec model: a number with its unit (null = not implemented), or a text.</summary>
public sealed record SunSpecPoint(string Name, double? Value, string? Text = null);
