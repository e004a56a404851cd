using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace BitGridAI.Storage.Export;

/// <summary>
/// <c>block_signals.parquet</c>: one row per (block, device, signal) with the window's aggregates. A long ("tidy")
/// table rather than one wide row per block, because which devices and signals exist differs by site and changes
/// with the configuration: a wide schema would differ between exports and need column names made of device ids
/// (which anonymising would have to rewrite). pandas <c>pivot_table</c> and duckdb <c>PIVOT</c> turn this into
/// the wide form in one line; filters and group-bys work on it as is.
/// </summary>
public sealed class BlockSignalRow
{
    [JsonPropertyName("block_id"), ParquetRequired]
    public string BlockId { get; set; } = "";

    [JsonPropertyName("window_end"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)]
    public DateTime WindowEnd { get; set; }

    /// <summary>The device id, or its per-export pseudonym when anonymised.</summary>
    [JsonPropertyName("device"), ParquetRequired]
    public string Device { get; set; } = "";

    /// <summary>The signal's snake_case name with its unit (pv_power_w, miner_temp_c, …).</summary>
    [JsonPropertyName("signal"), ParquetRequired]
    public string Signal { get; set; } = "";

    [JsonPropertyName("count")]
    public int Count { get; set; }

    [JsonPropertyName("mean")]
    public double Mean { get; set; }

    [JsonPropertyName("max")]
    public double Max { get; set; }

    [JsonPropertyName("last")]
    public double Last { get; set; }

    [JsonPropertyName("last_at"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)]
    public DateTime LastAt { get; set; }

    /// <summary>Samples that arrived after their own block closed and were counted in this one.</summary>
    [JsonPropertyName("late_samples")]
    public int LateSamples { get; set; }
}
