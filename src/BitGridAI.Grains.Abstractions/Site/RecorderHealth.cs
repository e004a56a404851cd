namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>
/// The recorder as a person inspects it: whether the event log is being written, the error and since when it
/// fails, and how many records wait to be written (they are written, in order, once the log takes them again).
/// </summary>
[GenerateSerializer, Immutable, Alias("bitgrid.RecorderHealth")]
public sealed record RecorderHealth(
    [property: Id(0)] bool Writing,
    [property: Id(1)] string? Error,
    [property: Id(2)] DateTimeOffset? FailingSince,
    [property: Id(3)] int Waiting,
    [property: Id(4)] long Appended);
