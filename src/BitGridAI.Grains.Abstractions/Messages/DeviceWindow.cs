using System.Collections.Immutable;

namespace BitGridAI.Grains.Abstractions.Messages;

/// <summary>What one device saw during a block window, handed to the site when the window closes.</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.DeviceWindow")]
public sealed record DeviceWindow(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] ImmutableArray<WindowSummary> Signals,
    [property: Id(2)] DateTimeOffset? LastContact,
    [property: Id(3)] int LateSamples);
