using System.Collections.Immutable;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>
/// A what-if on the site as it is now: threshold changes (engine keys in snake_case; checked by the caller) and an
/// override, applied to the latest readings — nothing is stored, sent or published.
/// </summary>
[GenerateSerializer, Immutable, Alias("bitgrid.PreviewRequest")]
public sealed record PreviewRequest(
    [property: Id(0)] ImmutableDictionary<string, double?> Config,
    [property: Id(1)] string? DataFailSafe,
    [property: Id(2)] ImmutableArray<ActiveOverride> Overrides);
