using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BitGridAI.Benchmarks;

/// <summary>
/// Issue 13's LAN cluster on one host: N generated sites (PV inverter, grid meter and battery over SunSpec, 4 Avalon
/// miners over the cgminer API, a tariff pushed over MQTT), all served by one <c>--devices-only</c> process, and three
/// silos in cluster mode on the PostgreSQL named by the connection string, at speed 5 so that every device is polled
/// once a real second. After a warm-up: CPU (share of one core) and RSS of each process over a steady window, the
/// decision-duration histograms of the three silos' <c>/metrics</c> over that window, and the blocks recorded in it;
/// then fan failures on running miners, timed at the simulated firmware from the chip crossing max_chip_temp_c to the
/// miner drawing no power.
/// </summary>
internal static class ClusterBenchmark
{
    private const int Silos = 3;
    private const double Speed = 5;
    private const int MinersPerSite = 4;
    private const double MaxChipC = 85;
    private static readonly TimeSpan BlockSite = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ControlPoll = TimeSpan.FromMilliseconds(100);
    private static readonly HashSet<int> Taken = [];

    /// <param name="siloDll">The built bitgrid-silo.dll.</param>
    /// <param name="connection">The PostgreSQL connection string (an empty database of the cluster's own).</param>
    /// <param name="work">A directory for the generated configuration, data and logs.</param>
    /// <param name="sites">How many sites.</param>
    /// <param name="warmUp">From the last silo up to the start of the window.</param>
    /// <param name="window">The steady window.</param>
    /// <param name="safetyTrials">How many running miners get a fan failure (at most one per site).</param>
    public static async Task<int> RunAsync(string siloDll, string connection, string work, int sites, TimeSpan warmUp, TimeSpan window, int safetyTrials)
    {
        var siloConfig = Path.Combine(Path.GetDirectoryName(siloDll)!, "silo-config");
        var controlPort = FreePort();
        var (devicesConfig, clusterConfig) = WriteConfiguration(siloConfig, work, sites, controlPort);
        string[] common = [$"--Cluster:Connection={connection}", "--Silo:ClusterId=bench", $"--Silo:Speed={Speed}", "--Silo:SimulationStart=2026-06-21T11:00:00Z"];
        var processes = new List<Process>();
        try
        {
            var devices = Start(siloDll, Path.Combine(work, "devices.log"), ["--devices-only", "true", "--config", devicesConfig, .. common]);
            processes.Add(devices);
            if (!await WaitForLineAsync(devices, Path.Combine(work, "devices.log"), "site time ", TimeSpan.FromMinutes(2)))
            {
                return 1;
            }
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            // The control port answers once every simulated site's servers are up (a taken port stops the process).
            while (!await AnswersAsync(http, $"http://127.0.0.1:{controlPort}/simulator/s01"))
            {
                if (devices.HasExited)
                {
                    Console.Error.WriteLine(string.Join('\n', File.ReadLines(Path.Combine(work, "devices.log")).TakeLast(10)));
                    return 1;
                }
                await Task.Delay(250);
            }
            var apiPorts = new int[Silos];
            for (var i = 0; i < Silos; i++)
            {
                apiPorts[i] = FreePort();
                processes.Add(Start(siloDll, Path.Combine(work, $"silo{i + 1}.log"),
                [
                    "--config", clusterConfig, "--data-dir", Path.Combine(work, $"silo{i + 1}"), .. common,
                    $"--Silo:SiloPort={FreePort()}", $"--Silo:GatewayPort={FreePort()}", $"--Api:Url=http://127.0.0.1:{apiPorts[i]}",
                ]));
            }
            for (var i = 0; i < Silos; i++)
            {
                if (!await WaitForLineAsync(processes[i + 1], Path.Combine(work, $"silo{i + 1}.log"), "API and dashboard on", TimeSpan.FromMinutes(3)))
                {
                    return 1;
                }
            }
            // "API and dashboard on" comes just before the web host listens.
            while (!(await Task.WhenAll(apiPorts.Select(p => AnswersAsync(http, $"http://127.0.0.1:{p}/metrics")))).All(up => up))
            {
                await Task.Delay(500);
            }
            Console.WriteLine($"cluster_sites={sites}");
            Console.WriteLine($"cluster_polled_devices={sites * (3 + MinersPerSite)}");
            Console.WriteLine($"cluster_mqtt_tariff_feeds={sites}");
            Console.WriteLine($"cluster_speed={Speed}");
            await Task.Delay(warmUp);
            var siteTimeBefore = await SiteTimeAsync(http, controlPort);
            var metricsBefore = await ScrapeAsync(http, apiPorts);
            var ticksBefore = processes.Select(p => ApiBenchmark.CpuTicks(p.Id)).ToArray();
            var start = Stopwatch.GetTimestamp();
            await Task.Delay(window);
            var ticks = processes.Select((p, i) => ApiBenchmark.CpuTicks(p.Id) - ticksBefore[i]).ToArray();
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var metricsAfter = await ScrapeAsync(http, apiPorts);
            var siteTimeAfter = await SiteTimeAsync(http, controlPort);
            var rss = processes.Select(p => ApiBenchmark.RssMb(p.Id)).ToArray();
            Console.WriteLine($"cluster_window_s={seconds:F0}");
            for (var i = 0; i < Silos; i++)
            {
                Console.WriteLine(Invariant($"cluster_silo{i + 1}_cpu_pct={ticks[i + 1] / seconds:F1}"));
                Console.WriteLine(Invariant($"cluster_silo{i + 1}_rss_mb={rss[i + 1]:F0}"));
            }
            Console.WriteLine(Invariant($"cluster_silo_cpu_pct={ticks.Skip(1).Average() / seconds:F1}"));
            Console.WriteLine(Invariant($"cluster_silo_rss_mb={rss.Skip(1).Average():F0}"));
            Console.WriteLine(Invariant($"cluster_devices_process_cpu_pct={ticks[0] / seconds:F1}"));
            Console.WriteLine(Invariant($"cluster_devices_process_rss_mb={rss[0]:F0}"));
            Console.WriteLine(Invariant($"cluster_load_avg_1m={File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
            // One site clock: every site crosses each 10-minute boundary at the same moment, so the window should hold that
            // many decided blocks per site (cluster_decision_count; fewer means the cluster fell behind). The recorded
            // count follows the recorders' writes, which may land in the next window.
            var boundaries = siteTimeAfter.Ticks / BlockSite.Ticks - siteTimeBefore.Ticks / BlockSite.Ticks;
            Console.WriteLine(Invariant($"cluster_blocks_recorded={Delta(metricsBefore, metricsAfter, "bitgrid_blocks_recorded_total"):F0}"));
            Console.WriteLine(Invariant($"cluster_blocks_expected={sites * boundaries}"));
            PrintHistogram("cluster_decision", Buckets(metricsBefore, metricsAfter, "bitgrid_decision_duration_milliseconds"));
            PrintHistogram("cluster_decision_all_run", Buckets([], metricsAfter, "bitgrid_decision_duration_milliseconds"));

            var safetyBefore = await ScrapeAsync(http, apiPorts);
            var trials = await SafetyAsync(http, controlPort, sites, safetyTrials);
            var safetyAfter = await ScrapeAsync(http, apiPorts);
            trials.Sort();
            Console.WriteLine($"cluster_safety_trials={trials.Count}");
            if (trials.Count > 0)
            {
                Console.WriteLine(Invariant($"cluster_safety_p50_ms={Latencies.Median(trials):F0}"));
                Console.WriteLine(Invariant($"cluster_safety_p99_ms={Latencies.P99(trials):F0}"));
                Console.WriteLine(Invariant($"cluster_safety_max_ms={trials[^1]:F0}"));
            }
            PrintHistogram("cluster_safety_grain", Buckets(safetyBefore, safetyAfter, "bitgrid_safety_stop_latency_milliseconds"));
            if (processes.FirstOrDefault(p => p.HasExited) is { } exited)
            {
                Console.Error.WriteLine($"process {exited.Id} exited during the run: the figures are void");
                return 1;
            }
            return 0;
        }
        finally
        {
            foreach (var process in Enumerable.Reverse(processes))
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
    }

    /// <summary>
    /// The site files (from silo-config/sites/home.json: its engine settings, unique ids and ports, four miners, no
    /// relays, every site's MQTT on one broker), the devices process's configuration and the silos'.
    /// </summary>
    private static (string Devices, string Cluster) WriteConfiguration(string siloConfig, string work, int sites, int controlPort)
    {
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(siloConfig, "sites", "home.json")))!;
        var mqttPort = FreePort();
        var files = new List<string>();
        Directory.CreateDirectory(Path.Combine(work, "sites"));
        for (var s = 1; s <= sites; s++)
        {
            var id = $"s{s:D2}";
            var modbus = FreePort();
            var minerPorts = Enumerable.Range(0, MinersPerSite).Select(_ => FreePort()).ToArray();
            JsonObject Polled(string device, string kind, int unit) =>
                new() { ["Id"] = $"{id}-{device}", ["Template"] = kind, ["Host"] = "127.0.0.1", ["Port"] = modbus, ["Unit"] = unit };
            var devices = new JsonArray(Polled("pv-1", "sunspec-inverter", 1), Polled("meter-1", "sunspec-meter", 2), Polled("battery-1", "sunspec-battery", 3));
            var miners = new JsonArray();
            for (var m = 0; m < MinersPerSite; m++)
            {
                devices.Add(new JsonObject { ["Id"] = $"{id}-miner-{m + 1}", ["Template"] = "avalon-q", ["Host"] = "127.0.0.1", ["Port"] = minerPorts[m], ["Priority"] = m });
                miners.Add(new JsonObject { ["Id"] = $"{id}-miner-{m + 1}", ["Api"] = "cgminer", ["ApiPort"] = minerPorts[m], ["Priority"] = m, ["RelayId"] = "" });
            }
            devices.Add(new JsonObject { ["Id"] = $"{id}-tariff-1", ["Template"] = "generic-mqtt-device" });
            var site = new JsonObject
            {
                ["Site"] = new JsonObject
                {
                    ["Id"] = id, ["Autonomy"] = "FULL", ["Strategy"] = "surplus",
                    ["Engine"] = template["Site"]!["Engine"]!.DeepClone(), ["Devices"] = devices,
                },
                ["Mqtt"] = new JsonObject { ["Enabled"] = true, ["Host"] = "127.0.0.1", ["Port"] = mqttPort },
                ["Simulator"] = new JsonObject
                {
                    ["Enabled"] = true, ["Seed"] = s,
                    ["InverterId"] = $"{id}-pv-1", ["MeterId"] = $"{id}-meter-1", ["BatteryId"] = $"{id}-battery-1",
                    ["Protocols"] = new JsonObject
                    {
                        ["Host"] = "127.0.0.1", ["ModbusPort"] = modbus, ["InverterUnit"] = 1, ["MeterUnit"] = 2, ["BatteryUnit"] = 3,
                        ["ShellyPlugs"] = false, ["PublishPrices"] = true,
                    },
                    ["Miners"] = miners,
                },
            };
            files.Add($"sites/{id}.json");
            File.WriteAllText(Path.Combine(work, files[^1]), site.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        var cluster = JsonNode.Parse(File.ReadAllText(Path.Combine(siloConfig, "cluster.json")))!;
        cluster["Cluster"]!["Sites"] = new JsonArray([.. files.Select(f => JsonValue.Create(f))]);
        var clusterFile = Path.Combine(work, "cluster.json");
        File.WriteAllText(clusterFile, cluster.ToJsonString());
        var devicesFile = Path.Combine(work, "devices.json");
        File.WriteAllText(devicesFile, new JsonObject
        {
            ["Cluster"] = new JsonObject { ["Sites"] = new JsonArray([.. files.Select(f => JsonValue.Create(f))]) },
            ["Simulator"] = new JsonObject { ["ControlPort"] = controlPort },
            ["Logging"] = cluster["Logging"]!.DeepClone(),
        }.ToJsonString());
        return (devicesFile, clusterFile);
    }

    /// <summary>
    /// Fails the fan of one running miner on each of up to <paramref name="trials"/> sites, then reads each such site's
    /// /simulator every <see cref="ControlPoll"/>: the latency is from the first reading with the chip above
    /// max_chip_temp_c to the first with the miner drawing no power; when one reading shows both, the time since the
    /// reading before it (an upper bound). A miner stopped before its chip crossed is not counted. The simulator moves a site's physics on every device poll of that site, several times a second.
    /// </summary>
    private static async Task<List<double>> SafetyAsync(HttpClient http, int controlPort, int sites, int trials)
    {
        var control = $"http://127.0.0.1:{controlPort}/simulator";
        var chosen = new List<(string Site, string Miner)>();
        for (var s = 1; s <= sites && chosen.Count < trials; s++)
        {
            var state = JsonNode.Parse(await http.GetStringAsync($"{control}/s{s:D2}"))!;
            if (state["miners"]!.AsArray().FirstOrDefault(m => m!["power_w"]!.GetValue<double>() > 0) is { } running)
            {
                chosen.Add(($"s{s:D2}", running["id"]!.GetValue<string>()));
            }
        }
        Console.WriteLine($"cluster_safety_running_miners_found={chosen.Count}");
        foreach (var (site, miner) in chosen)
        {
            (await http.PostAsync($"{control}/{site}/miners/{miner}/fan-failure?minutes=60", null)).EnsureSuccessStatusCode();
        }
        var crossed = new Dictionary<string, long>();
        var previous = new Dictionary<string, long>();
        var withinOneReading = 0;
        var latencies = new List<double>();
        var open = chosen.ToList();
        var deadline = Stopwatch.GetTimestamp() + (long)(SafetyTimeout.TotalSeconds * Stopwatch.Frequency);
        while (open.Count > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            var tick = Task.Delay(ControlPoll);
            var readings = await Task.WhenAll(open.Select(async t => (Trial: t, State: JsonNode.Parse(await http.GetStringAsync($"{control}/{t.Site}"))!, At: Stopwatch.GetTimestamp())));
            foreach (var (trial, state, at) in readings)
            {
                var miner = state["miners"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == trial.Miner)!;
                var off = miner["power_w"]!.GetValue<double>() == 0;
                if (crossed.TryGetValue(trial.Miner, out var crossedAt) && off)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(crossedAt, at).TotalMilliseconds);
                    open.Remove(trial);
                }
                else if (off)
                {
                    // Crossed and stopped between two readings: the time between them bounds the latency.
                    if (miner["chip_c"]!.GetValue<double>() > MaxChipC && previous.TryGetValue(trial.Miner, out var last))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(last, at).TotalMilliseconds);
                        withinOneReading++;
                    }
                    open.Remove(trial);
                }
                else if (!crossed.ContainsKey(trial.Miner) && miner["chip_c"]!.GetValue<double>() > MaxChipC)
                {
                    crossed[trial.Miner] = at;
                }
                previous[trial.Miner] = at;
            }
            await tick;
        }
        Console.WriteLine($"cluster_safety_not_stopped_in_time={open.Count}");
        Console.WriteLine($"cluster_safety_crossed_and_stopped_between_two_readings={withinOneReading}");
        Console.WriteLine($"cluster_safety_stopped_before_crossing={chosen.Count - open.Count - latencies.Count}");
        return latencies;
    }

    /// <summary>A free loopback port this run has not handed out yet.</summary>
    private static int FreePort()
    {
        while (true)
        {
            var port = ApiBenchmark.FreePort();
            if (Taken.Add(port))
            {
                return port;
            }
        }
    }

    private static Process Start(string siloDll, string log, string[] args)
    {
        // The shell hands its process over to dotnet (exec), so the pid is the process measured.
        var info = new ProcessStartInfo("bash") { UseShellExecute = false };
        foreach (var arg in (string[])["-c", "exec \"$0\" \"$@\" >\"$LOG\" 2>&1", "dotnet", siloDll, .. args])
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["LOG"] = log;
        return Process.Start(info)!;
    }

    private static async Task<bool> WaitForLineAsync(Process process, string log, string prefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (File.Exists(log) && File.ReadLines(log).Any(l => l.StartsWith(prefix, StringComparison.Ordinal)))
            {
                return true;
            }
            await Task.Delay(250);
        }
        Console.Error.WriteLine($"no '{prefix}' line in {log}:");
        Console.Error.WriteLine(File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(30)) : "(no log)");
        return false;
    }

    private static async Task<DateTimeOffset> SiteTimeAsync(HttpClient http, int controlPort) =>
        JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{controlPort}/simulator/s01"))!["site_time"]!.GetValue<DateTimeOffset>();

    private static async Task<bool> AnswersAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Every silo's /metrics, concatenated.</summary>
    private static async Task<string[]> ScrapeAsync(HttpClient http, int[] apiPorts) =>
        (await Task.WhenAll(apiPorts.Select(p => http.GetStringAsync($"http://127.0.0.1:{p}/metrics")))).SelectMany(t => t.Split('\n')).ToArray();

    /// <summary>The sum over every series (and silo) of a metric whose name is exactly <paramref name="name"/>.</summary>
    private static double Sum(string[] lines, string name) =>
        lines.Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static double Delta(string[] before, string[] after, string name) => Sum(after, name) - Sum(before, name);

    /// <summary>The histogram's cumulative bucket counts by upper bound, summed over every series, after minus before; then count and sum.</summary>
    private static (List<(double Le, double Count)> Buckets, double Count, double Sum) Buckets(string[] before, string[] after, string histogram)
    {
        Dictionary<double, double> ByBound(string[] lines) => lines
            .Where(l => l.StartsWith(histogram + "_bucket{", StringComparison.Ordinal))
            .GroupBy(l =>
            {
                var le = l[(l.IndexOf("le=\"", StringComparison.Ordinal) + 4)..];
                le = le[..le.IndexOf('"', StringComparison.Ordinal)];
                return le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
            })
            .ToDictionary(g => g.Key, g => g.Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)));
        var b = ByBound(before);
        var buckets = ByBound(after).Select(kv => (Le: kv.Key, Count: kv.Value - b.GetValueOrDefault(kv.Key))).OrderBy(x => x.Le).ToList();
        return (buckets, Delta(before, after, histogram + "_count"), Delta(before, after, histogram + "_sum"));
    }

    /// <summary>
    /// Count, mean, and p50/p99 as Prometheus' histogram_quantile estimates them (linear within the bucket the rank
    /// falls in), with the bucket's upper bound beside each so the coarseness shows.
    /// </summary>
    private static void PrintHistogram(string prefix, (List<(double Le, double Count)> Buckets, double Count, double Sum) h)
    {
        Console.WriteLine(Invariant($"{prefix}_count={h.Count:F0}"));
        if (h.Count == 0)
        {
            return;
        }
        Console.WriteLine(Invariant($"{prefix}_mean_ms={h.Sum / h.Count:F2}"));
        foreach (var (name, q) in new[] { ("p50", 0.5), ("p99", 0.99) })
        {
            var rank = q * h.Count;
            var (lower, below) = (0.0, 0.0);
            foreach (var (le, count) in h.Buckets)
            {
                if (count >= rank)
                {
                    var estimate = double.IsPositiveInfinity(le) ? lower : lower + (le - lower) * (rank - below) / Math.Max(count - below, 1e-9);
                    Console.WriteLine(Invariant($"{prefix}_{name}_ms={estimate:F2}"));
                    Console.WriteLine(Invariant($"{prefix}_{name}_bucket_le_ms={le}"));
                    break;
                }
                (lower, below) = (le, count);
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
