using System.Collections.Immutable;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>A person's override for a site's miners (key: site id): validated, persisted, expiring, every request audited.</summary>
public interface IOverrideGrain : IGrainWithStringKey
{
    /// <summary>
    /// Sets an override for <paramref name="durationMin"/> minutes, for one miner or (null) all of them; a refused
    /// request says why and is audited too. A START or THROTTLE is refused while a safety lockout holds a miner it is for.
    /// </summary>
    Task<OverrideResult> SetAsync(string action, double durationMin, string requestedBy, string? minerId = null, string? reason = null);

    /// <summary>Ends the site-wide override (null) or one miner's early.</summary>
    Task<OverrideResult> ClearAsync(string requestedBy, string? minerId = null);

    /// <summary>The site-wide override in force now, or null.</summary>
    Task<ActiveOverride?> GetActiveAsync();

    /// <summary>Every override in force now: the site-wide one and each miner's own.</summary>
    Task<ImmutableArray<ActiveOverride>> GetAllActiveAsync();

    Task<ImmutableArray<OverrideAuditEntry>> GetAuditAsync();
}
