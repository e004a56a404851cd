using BitGridAI.Domain.Signals;

namespace BitGridAI.Cli.Replay;

/// <summary>One row of a series: its line in the file, its time and its readings.</summary>
internal readonly record struct SeriesRow(int Line, DateTimeOffset Time, EnergyState State);
