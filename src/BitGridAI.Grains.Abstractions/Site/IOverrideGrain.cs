using System.Collections.Immutable;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>A person's override for a site's miners (key: site id): validated, persisted, expiring, every request audited.</summary>
public interface IOverrideGrain : IGrainWithStringKey
{
    /// <summary>Sets an override for <paramref name="durationMin"/> minutes; a refused request says why and is audited too.</summary>
    Task<OverrideResult> SetAsync(string action, double durationMin, string requestedBy);

    /// <summary>Ends the active override early.</summary>
    Task<OverrideResult> ClearAsync(string requestedBy);

    /// <summary>The override in force now, or null.</summary>
    Task<ActiveOverride?> GetActiveAsync();

    Task<ImmutableArray<OverrideAuditEntry>> GetAuditAsync();
}
