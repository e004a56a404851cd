namespace BitGridAI.Grains.Hosting;

/// <summary>
/// A device of a site. Miners are decided in <see cref="Priority"/> order (lower first), reserve
/// <see cref="RatedPowerW"/> when they run, and may name a <see cref="RelayId"/> that cuts their power
/// when their own API does not answer a safety stop.
/// </summary>
public sealed record DeviceDefinition(string Id, DeviceKind Kind, double RatedPowerW = 0, int Priority = 0, string? RelayId = null);
