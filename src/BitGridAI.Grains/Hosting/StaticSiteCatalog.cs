using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Hosting;

/// <summary>Sites fixed at start (from the silo config, or a test).</summary>
public sealed class StaticSiteCatalog(IReadOnlyList<SiteDefinition> sites) : ISiteCatalog
{
    public IReadOnlyList<SiteDefinition> Sites { get; } = sites;
}
