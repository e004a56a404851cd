using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Hosting;

/// <summary>The configured sites.</summary>
public interface ISiteCatalog
{
    IReadOnlyList<SiteDefinition> Sites { get; }

    /// <summary>The site, or an exception naming the unknown id.</summary>
    SiteDefinition Get(string siteId) => Sites.FirstOrDefault(s => s.Id == siteId)
        ?? throw new KeyNotFoundException($"no site '{siteId}' is configured (configured: {string.Join(", ", Sites.Select(s => s.Id))})");

    /// <summary>The site a device belongs to.</summary>
    SiteDefinition SiteOf(string deviceId) => Sites.FirstOrDefault(s => s.Devices.Any(d => d.Id == deviceId))
        ?? throw new KeyNotFoundException($"no configured site has a device '{deviceId}'");
}
