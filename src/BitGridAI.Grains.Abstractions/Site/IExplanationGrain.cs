using System.Collections.Immutable;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>
/// A site's explanations (key: site id): an implicit subscriber of the decision stream that keeps each recent
/// decision with its block id and explains it in any language and persona on request.
/// </summary>
public interface IExplanationGrain : IGrainWithStringKey
{
    /// <summary>The block's decisions explained (one per miner, safety stops included); empty when the block is not among the kept ones.</summary>
    Task<ImmutableArray<ExplanationView>> GetAsync(string blockId, string? language, string? persona);

    /// <summary>The newest explanations in the site's configured language and persona, oldest first.</summary>
    Task<ImmutableArray<ExplanationView>> GetRecentAsync(int count);

    /// <summary>The kept short texts (as shown on the console) of the newest decisions, by decision sequence: cheap, no re-explaining.</summary>
    Task<ImmutableDictionary<long, string>> GetShortTextsAsync(int count);
}
