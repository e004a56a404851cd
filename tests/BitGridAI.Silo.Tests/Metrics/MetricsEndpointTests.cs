using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace BitGridAI.Silo.Tests.Metrics;

/// <summary>
/// The real silo serves Prometheus text at /metrics without a token: decisions, ingest and device health grow and
/// change as the simulated site runs, and an emergency stop shows as a safety stop with its latency.
/// </summary>
public sealed class MetricsEndpointTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("bitgrid-metrics-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task AScraperSeesDecisionsIngestHealthAndSafetyStopsGrowWithoutAToken()
    {
        await using var silo = SiloProcess.Start(_dataDir);
        await silo.WaitForAsync(s => s.DecidedBlocks.Count >= 3, TimeSpan.FromSeconds(60), "three blocks");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.ApiPort}") };

        var (first, contentType) = await ScrapeAsync(http);
        await silo.WaitForAsync(s => s.DecidedBlocks.Count >= 6, TimeSpan.FromSeconds(60), "three more blocks");
        var token = silo.Lines.First(l => l.StartsWith("admin token: ", StringComparison.Ordinal))["admin token: ".Length..];
        using (var stop = new HttpRequestMessage(HttpMethod.Post, "/api/v1/emergency-stop") { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
        {
            stop.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(stop)).StatusCode);
        }
        var (second, _) = await ScrapeAsync(http);

        Assert.StartsWith("text/plain", contentType, StringComparison.Ordinal);
        foreach (var name in new[]
        {
            "bitgrid_decision_duration_milliseconds_bucket", "bitgrid_decisions_total", "bitgrid_telemetry_samples_total",
            "bitgrid_device_health", "bitgrid_safety_stop_latency_milliseconds_count", "bitgrid_safety_stops_total", "bitgrid_commands_sent_total",
        })
        {
            Assert.Contains(second, l => l.Name == name);
        }
        Assert.True(Sum(second, "bitgrid_decisions_total") > Sum(first, "bitgrid_decisions_total"), "the decision count grows");
        Assert.True(Sum(second, "bitgrid_decision_duration_milliseconds_count") > Sum(first, "bitgrid_decision_duration_milliseconds_count"));
        Assert.True(Sum(second, "bitgrid_telemetry_samples_total", "outcome=\"accepted\"") > Sum(first, "bitgrid_telemetry_samples_total", "outcome=\"accepted\""),
            "the ingest counter grows");
        Assert.Contains(second, l => l.Name == "bitgrid_device_health" && l.Labels.Contains("device=\"pv-1\"", StringComparison.Ordinal) && l.Value is >= 0 and <= 2);
        Assert.Contains(second, l => l.Name == "bitgrid_safety_stops_total" && l.Labels.Contains("code=\"STOP_R3_EMERGENCY_STOP\"", StringComparison.Ordinal));
        Assert.True(Sum(second, "bitgrid_safety_stop_latency_milliseconds_count") >= 1);
        // KPI counters: blocks written and their energies by flow (the simulated morning has sun).
        Assert.True(Sum(second, "bitgrid_blocks_recorded_total") > Sum(first, "bitgrid_blocks_recorded_total"), "the recorded blocks grow");
        var pv = second.Where(l => l.Name.StartsWith("bitgrid_energy", StringComparison.Ordinal) && l.Labels.Contains("flow=\"pv\"", StringComparison.Ordinal)).ToList();
        Assert.True(pv.Count == 1 && pv[0].Value > 0, $"PV energy counted: {string.Join(", ", second.Where(l => l.Name.StartsWith("bitgrid_energy", StringComparison.Ordinal)).Select(l => $"{l.Name}{{{l.Labels}}}={l.Value}"))}");
    }

    private static async Task<(IReadOnlyList<Sample> Samples, string ContentType)> ScrapeAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return ([.. text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(Sample.Parse)], response.Content.Headers.ContentType?.ToString() ?? "");
    }

    private static double Sum(IEnumerable<Sample> samples, string name, string label = "") =>
        samples.Where(s => s.Name == name && s.Labels.Contains(label, StringComparison.Ordinal)).Sum(s => s.Value);

    /// <summary>One line of Prometheus text: <c>name{labels} value</c>.</summary>
    private sealed record Sample(string Name, string Labels, double Value)
    {
        public static Sample Parse(string line)
        {
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf(' ');
            var name = brace >= 0 ? line[..brace] : line[..space];
            var labels = brace >= 0 ? line[brace..(line.LastIndexOf('}') + 1)] : "";
            return new Sample(name, labels, double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture));
        }
    }
}
