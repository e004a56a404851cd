using System.Collections.Immutable;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Recording;

/// <summary>A closed block's aggregated telemetry: what each device saw in the block's window, and which decisions rested on it.</summary>
public sealed record BlockBody(
    string BlockId,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    ImmutableArray<DeviceWindow> Devices,
    ImmutableArray<long> Decisions,
    string? ConfigHash);

/// <summary>An override request as it was asked and answered.</summary>
public sealed record OverrideBody(
    string Request,
    string? Action,
    double? DurationMin,
    string RequestedBy,
    bool Accepted,
    string? Reason,
    DateTimeOffset? ExpiresAt);

/// <summary>The autonomy level changed from <see cref="From"/> (null: the configured default) to <see cref="To"/>.</summary>
public sealed record AutonomyBody(string? From, string To, string RequestedBy);

/// <summary>The research toggle: exports are allowed only while the last of these says enabled.</summary>
public sealed record ResearchBody(bool Enabled, string RequestedBy);

/// <summary>A research export: its range, whether it was anonymised, and the manifest's SHA-256.</summary>
public sealed record ExportBody(DateTimeOffset From, DateTimeOffset To, bool Anonymised, string ManifestSha256, string RequestedBy);
