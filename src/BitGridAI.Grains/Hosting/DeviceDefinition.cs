namespace BitGridAI.Grains.Hosting;

/// <summary>A device of a site. Miners are decided in <see cref="Priority"/> order (lower first) and reserve <see cref="RatedPowerW"/> when they run.</summary>
public sealed record DeviceDefinition(string Id, DeviceKind Kind, double RatedPowerW = 0, int Priority = 0);
