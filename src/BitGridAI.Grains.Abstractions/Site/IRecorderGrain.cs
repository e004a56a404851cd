using System.Collections.Immutable;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>Appends every decision of a site to the event log (key: site id); an implicit subscriber of the decision stream.</summary>
public interface IRecorderGrain : IGrainWithStringKey
{
    /// <summary>The most recent recorded decisions, oldest first.</summary>
    Task<ImmutableArray<DecisionRecord>> GetRecentAsync(int count);

    /// <summary>How many decisions this site has recorded.</summary>
    Task<long> GetCountAsync();
}
