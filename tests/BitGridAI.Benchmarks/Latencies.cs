using System.Diagnostics;
using System.Globalization;

namespace BitGridAI.Benchmarks;

/// <summary>
/// Latency figures in milliseconds the way every benchmark here reports them: the median (the upper middle of an
/// even count), p99 by nearest rank, and the worst. Lists are sorted in place.
/// </summary>
internal static class Latencies
{
    /// <summary>Times <paramref name="once"/> whole, <paramref name="count"/> times after <paramref name="warmUp"/> untimed runs; sorted.</summary>
    public static async Task<List<double>> TimeAsync(int warmUp, int count, Func<Task> once)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await once();
        }
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await once();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    public static double Median(List<double> sorted) => sorted[sorted.Count / 2];

    public static double P99(List<double> sorted) => sorted[(int)Math.Ceiling(sorted.Count * 0.99) - 1];

    /// <summary>Prints <c>{prefix}_trials</c> and <c>{prefix}_latency_p50_ms</c>, <c>_p99_ms</c>, <c>_max_ms</c>.</summary>
    public static void PrintTrials(string prefix, List<double> latencies)
    {
        latencies.Sort();
        Console.WriteLine($"{prefix}_trials={latencies.Count}");
        Console.WriteLine(Line($"{prefix}_latency_p50_ms", Median(latencies), "F3"));
        Console.WriteLine(Line($"{prefix}_latency_p99_ms", P99(latencies), "F3"));
        Console.WriteLine(Line($"{prefix}_latency_max_ms", latencies[^1], "F3"));
    }

    /// <summary>Prints <c>{name}_ms</c> (the median) and <c>{name}_p99_ms</c> of a sorted list.</summary>
    public static void PrintMedianAndP99(string name, List<double> sorted)
    {
        Console.WriteLine(Line($"{name}_ms", Median(sorted), "F2"));
        Console.WriteLine(Line($"{name}_p99_ms", P99(sorted), "F2"));
    }

    private static string Line(string key, double value, string format) => $"{key}={value.ToString(format, CultureInfo.InvariantCulture)}";
}
