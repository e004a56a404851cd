using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace BitGridAI.Storage.Export;

/// <summary>
/// <c>events.parquet</c>: what happened between blocks — override requests, autonomy changes and safety stops —
/// in one table with a <c>kind</c> column; a column a kind does not use is null.
/// </summary>
public sealed class EventRow
{
    [JsonPropertyName("log_position")]
    public long LogPosition { get; set; }

    [JsonPropertyName("at"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)]
    public DateTime At { get; set; }

    /// <summary>override, autonomy or safety.</summary>
    [JsonPropertyName("kind"), ParquetRequired]
    public string Kind { get; set; } = "";

    /// <summary>Safety: the stopped miner (its pseudonym when anonymised).</summary>
    [JsonPropertyName("miner")]
    public string? Miner { get; set; }

    /// <summary>Safety: the decision code.</summary>
    [JsonPropertyName("decision_code")]
    public string? DecisionCode { get; set; }

    /// <summary>Override: START/THROTTLE/STOP; safety: the action taken.</summary>
    [JsonPropertyName("action")]
    public string? Action { get; set; }

    /// <summary>Override: set or clear.</summary>
    [JsonPropertyName("request")]
    public string? Request { get; set; }

    [JsonPropertyName("accepted")]
    public bool? Accepted { get; set; }

    [JsonPropertyName("duration_min")]
    public double? DurationMin { get; set; }

    [JsonPropertyName("expires_at"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)]
    public DateTime? ExpiresAt { get; set; }

    /// <summary>Autonomy: the level before (null: the configured default) and after.</summary>
    [JsonPropertyName("autonomy_from")]
    public string? AutonomyFrom { get; set; }

    [JsonPropertyName("autonomy_to")]
    public string? AutonomyTo { get; set; }

    /// <summary>Free text (why an override was refused, a safety stop's explanation); null when anonymised.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>Who asked; null when anonymised.</summary>
    [JsonPropertyName("requested_by")]
    public string? RequestedBy { get; set; }
}
