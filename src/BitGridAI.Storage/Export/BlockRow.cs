using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace BitGridAI.Storage.Export;

/// <summary><c>blocks.parquet</c>: one row per recorded block — its window and what rested on it.</summary>
public sealed class BlockRow
{
    /// <summary>The block's position in the event log (the hash chain), to find the record again.</summary>
    [JsonPropertyName("log_position")]
    public long LogPosition { get; set; }

    [JsonPropertyName("block_id"), ParquetRequired]
    public string BlockId { get; set; } = "";

    [JsonPropertyName("window_start"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)]
    public DateTime WindowStart { get; set; }

    [JsonPropertyName("window_end"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)]
    public DateTime WindowEnd { get; set; }

    [JsonPropertyName("device_count")]
    public int DeviceCount { get; set; }

    [JsonPropertyName("decision_count")]
    public int DecisionCount { get; set; }

    /// <summary>SHA-256 of the site configuration in force (joins decisions.config_hash).</summary>
    [JsonPropertyName("config_hash")]
    public string? ConfigHash { get; set; }
}
