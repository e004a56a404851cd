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
    string? ConfigHash)
{
    /// <summary>The block's energy path on a site with several miners; absent otherwise.</summary>
    public EnergyPathRecord? EnergyPath { get; init; }
}

/// <summary>An override request as it was asked and answered.</summary>
public sealed record OverrideBody(
    string Request,
    string? Action,
    double? DurationMin,
    string RequestedBy,
    bool Accepted,
    string? Reason,
    DateTimeOffset? ExpiresAt)
{
    /// <summary>The one miner the override is for, or null for all of them.</summary>
    public string? MinerId { get; init; }

    /// <summary>Why the person asked, as they wrote it, or null (<see cref="Reason"/> is why a request was refused).</summary>
    public string? Comment { get; init; }
}

/// <summary>
/// A control request that came through the API (or the dashboard, or Home Assistant), accepted or refused: what was
/// asked, by which token, and the answer's status — a refused one (bad input, missing role, rate limit) too.
/// </summary>
public sealed record ControlBody(string Method, string Path, string? TokenName, string? Role, int Status, bool Accepted, string? Detail);

/// <summary>The autonomy level changed from <see cref="From"/> (null: the configured default) to <see cref="To"/>.</summary>
public sealed record AutonomyBody(string? From, string To, string RequestedBy);

/// <summary>The research toggle: exports are allowed only while the last of these says enabled.</summary>
public sealed record ResearchBody(bool Enabled, string RequestedBy);

/// <summary>A research export: its range, whether it was anonymised, and the manifest's SHA-256.</summary>
public sealed record ExportBody(DateTimeOffset From, DateTimeOffset To, bool Anonymised, string ManifestSha256, string RequestedBy);
