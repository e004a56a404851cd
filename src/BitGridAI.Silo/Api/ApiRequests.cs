using System.Text.Json;

namespace BitGridAI.Silo.Api;

// Request bodies (API.md). Unknown fields are refused; a field that must be there is a required constructor parameter.

/// <summary><c>POST /api/v1/override</c>: START, THROTTLE or STOP for 1 ≤ duration_min ≤ max_override_min, for one miner or all.</summary>
public sealed record OverrideRequestBody(string Action, double DurationMin, string? Reason = null, string? Miner = null);

/// <summary><c>PUT /api/v1/autonomy</c>.</summary>
public sealed record AutonomyRequestBody(string Autonomy);

/// <summary><c>POST /api/v1/emergency-stop</c>: the reason is optional and goes into the event log.</summary>
public sealed record EmergencyStopRequestBody(string? Reason = null);

/// <summary><c>POST /api/v1/preview</c>: engine keys to change (numbers, null to disable a nullable key, or data_fail_safe) and an override.</summary>
public sealed record PreviewRequestBody(Dictionary<string, JsonElement>? Config = null, PreviewOverrideBody? Override = null);

public sealed record PreviewOverrideBody(string Action, double DurationMin = 60, string? Miner = null);

/// <summary><c>POST /api/v1/export</c>: [from, to) of the event log, optionally anonymised.</summary>
public sealed record ExportRequestBody(DateTimeOffset? From = null, DateTimeOffset? To = null, bool Anonymise = false);
