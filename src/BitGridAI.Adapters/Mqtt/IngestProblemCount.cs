namespace BitGridAI.Adapters.Mqtt;

/// <summary>How many times one kind of bad input (snake_case, e.g. <c>malformed_json</c>) came from one device.</summary>
public sealed record IngestProblemCount(string Device, string Problem, long Count);
