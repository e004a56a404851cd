namespace BitGridAI.Storage.Export;

/// <summary>An export asked for while the research toggle is off: the console exits 3, the API answers 409.</summary>
public sealed class ResearchDisabledException(string message) : Exception(message);
