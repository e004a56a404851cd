using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace BitGridAI.Storage.Export;

/// <summary>
/// <c>decisions.parquet</c>: one row per block decision. The engine's params differ per decision code, so they
/// stay one JSON object (<c>params_json</c>; duckdb <c>json_extract</c>, pandas <c>json_normalize</c>) instead of
/// a sparse column per param; the same for the input readings.
/// </summary>
public sealed class DecisionRow
{
    [JsonPropertyName("log_position")]
    public long LogPosition { get; set; }

    [JsonPropertyName("decided_at"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)]
    public DateTime DecidedAt { get; set; }

    [JsonPropertyName("block_id"), ParquetRequired]
    public string BlockId { get; set; } = "";

    /// <summary>The miner id, or its per-export pseudonym when anonymised.</summary>
    [JsonPropertyName("miner"), ParquetRequired]
    public string Miner { get; set; } = "";

    [JsonPropertyName("decision_code"), ParquetRequired]
    public string DecisionCode { get; set; } = "";

    [JsonPropertyName("action"), ParquetRequired]
    public string Action { get; set; } = "";

    [JsonPropertyName("mode")]
    public string? Mode { get; set; }

    [JsonPropertyName("trigger"), ParquetRequired]
    public string Trigger { get; set; } = "";

    [JsonPropertyName("params_json"), ParquetRequired]
    public string ParamsJson { get; set; } = "{}";

    /// <summary>The readings the engine decided on, signal name → value (null for decisions without recorded inputs).</summary>
    [JsonPropertyName("inputs_json")]
    public string? InputsJson { get; set; }

    /// <summary>Signals present but implausible, comma-separated.</summary>
    [JsonPropertyName("rejected")]
    public string Rejected { get; set; } = "";

    /// <summary>Signals absent, comma-separated.</summary>
    [JsonPropertyName("missing")]
    public string Missing { get; set; } = "";

    [JsonPropertyName("overruled_override")]
    public string? OverruledOverride { get; set; }

    [JsonPropertyName("held_back_proposal")]
    public string? HeldBackProposal { get; set; }

    [JsonPropertyName("config_hash")]
    public string? ConfigHash { get; set; }

    /// <summary>The explanation sentence; null when anonymised (free text may name a miner).</summary>
    [JsonPropertyName("summary")]
    public string? Summary { get; set; }
}
