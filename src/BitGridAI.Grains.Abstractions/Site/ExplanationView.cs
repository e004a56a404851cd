using System.Collections.Immutable;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>One decision's explanation as a person reads it (see <c>BitGridAI.Explain.Explanation</c>), for one miner of one block.</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.ExplanationView")]
public sealed record ExplanationView(
    [property: Id(0)] string BlockId,
    [property: Id(1)] string MinerId,
    [property: Id(2)] string DecisionCode,
    [property: Id(3)] string Trigger,
    [property: Id(4)] string Language,
    [property: Id(5)] string Persona,
    [property: Id(6)] string Mood,
    [property: Id(7)] string ShortText,
    [property: Id(8)] string LongText,
    [property: Id(9)] string TriggerText,
    [property: Id(10)] string DataBasis,
    [property: Id(11)] string Effect,
    [property: Id(12)] ImmutableArray<string> Options,
    [property: Id(13)] string CounterfactualText,
    [property: Id(14)] ImmutableArray<string> Notes,
    [property: Id(15)] DateTimeOffset DecidedAt);
