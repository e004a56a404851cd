using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage.EventLog;
using BitGridAI.Storage.Postgres;
using BitGridAI.Storage.Tests.Postgres;
using Xunit.Abstractions;

namespace BitGridAI.Silo.Tests.Cluster;

/// <summary>
/// The LAN cluster as a user runs it: a private PostgreSQL, two sites whose simulated devices run in their own
/// processes (as real hardware outlives any silo), and three silo processes. A SIGKILL of the silo that holds a running
/// miner's grain, right after that miner's fan fails: the dead silo's grains answer from survivors within 30 s with
/// their stored state, the overheating miner is stopped within comm_timeout, every block of both sites is recorded
/// exactly once in PostgreSQL, and the killed silo, restarted, joins again and takes grains when another silo dies.
/// </summary>
public sealed class ClusterFailoverTests(PrivatePostgres postgres, ITestOutputHelper output) : IClassFixture<PrivatePostgres>
{
    /// <summary>Site seconds per real second: a 10-minute block every 20 s, far longer than a takeover (about 4 s here).</summary>
    private const int Speed = 30;

    private static readonly string[] DeviceGrainTypes = ["site", "miner", "pvinverter", "battery", "gridmeter"];

    [Fact]
    public async Task A_silo_killed_during_operation_loses_no_block_and_its_grains_and_safety_come_back_on_the_survivors()
    {
        var connection = await postgres.CreateDatabaseAsync();
        var root = Directory.CreateTempSubdirectory("bitgrid-failover-").FullName;
        var (home, farm) = (Site.Write(root, "home"), Site.Write(root, "farm"));
        var cluster = Path.Combine(root, "cluster.json");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "silo-config", "cluster.json"), cluster);
        string[] common = [$"--Cluster:Connection={connection}", "--Silo:ClusterId=failover", $"--Silo:Speed={Speed}", "--Silo:SimulationStart=2026-06-21T10:00:00Z"];

        await using var homeDevices = SiloProcess.StartWith(["--devices-only", "true", "--config", home.File, .. common]);
        await using var farmDevices = SiloProcess.StartWith(["--devices-only", "true", "--config", farm.File, .. common]);
        var silos = new ClusterSilo[3];
        for (var i = 0; i < silos.Length; i++)
        {
            silos[i] = new ClusterSilo(Path.Combine(root, $"silo{i}"), SiloProcess.FreePort(), SiloProcess.FreePort(), SiloProcess.FreePort());
            silos[i].Start(cluster, common);
        }
        try
        {
            Assert.Equal(silos.Select(s => s.SiloPort).Order(), await ClusterSilos.ActivePortsAsync(connection, 3, TimeSpan.FromSeconds(90)));
            var log = new PostgresEventLog(new PostgresDatabase(connection));
            await WaitAsync(() => Blocks(log, "home") >= 2 && Blocks(log, "farm") >= 2, TimeSpan.FromSeconds(120), "two blocks of each site", silos);

            // miner-1 of home runs (surplus from 10:00 site time), then its fan fails and the silo holding its grain dies
            // at once: nobody watches the heating chip until the grain is back on a survivor.
            await WaitAsync(() => home.MinerPowerW("miner-1") > 0, TimeSpan.FromSeconds(150), "miner-1 drawing power", silos);
            var before = await silos[0].GrainsAsync();
            var victim = silos.Single(s => s.Hosts(before, "miner", "miner-1"));
            var survivors = silos.Where(s => s != victim).ToList();
            var held = before.Where(g => victim.IsAddress(g.Silo) && DeviceGrainTypes.Contains(g.Type)).Select(g => (g.Type, g.Key)).ToList();
            var homeSequence = await survivors[0].SiteSequenceAsync("home");

            // The kill comes when the chip is a few degrees short of the limit: it passes 85 °C while the grain that
            // watches it is being moved.
            var overheat = await home.FailFanAsync("miner-1");
            await WaitAsync(() => home.Miner("miner-1", "chip_c") >= 83, TimeSpan.FromSeconds(90), "miner-1's chip near 85 °C", silos);
            var clock = Stopwatch.StartNew();
            await victim.Process!.KillAsync(TimeSpan.FromSeconds(10));

            // Every site and device grain the dead silo held answers from a survivor within 30 s.
            List<Grain> after = [];
            while (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                after = await survivors[0].GrainsAsync();
                if (held.All(h => after.Any(g => (g.Type, g.Key) == h && survivors.Any(s => s.IsAddress(g.Silo)))))
                {
                    break;
                }
                await Task.Delay(250);
            }
            var recovered = clock.Elapsed;
            Assert.All(held, h => Assert.Contains(after, g => (g.Type, g.Key) == h && survivors.Any(s => s.IsAddress(g.Silo))));
            Assert.True(recovered < TimeSpan.FromSeconds(30), $"the dead silo's grains came back after {recovered.TotalSeconds:0.0} s");
            // ... with their stored state: the site's decision sequence goes on from where it was, not from zero.
            Assert.True(await survivors[0].SiteSequenceAsync("home") >= homeSequence);

            // The chip heats past max_chip_temp_c while its silo is dead or just replaced: the miner is stopped at its
            // firmware within comm_timeout_sec (60 s) of the over-temperature, by the grain on the survivor.
            var (crossed, stopped) = await overheat;
            Assert.True(stopped - crossed < TimeSpan.FromSeconds(60), $"stopped {(stopped - crossed).TotalSeconds:0.0} s after the chip passed 85 °C");
            Assert.Contains(log.Read("home", [LogKinds.Safety], null, null), r => r.Body.Contains("\"miner-1\"", StringComparison.Ordinal) && r.Body.Contains("STOP_R3", StringComparison.Ordinal));
            output.WriteLine($"victim silo port {victim.SiloPort} held {string.Join(", ", held.Select(h => $"{h.Type}/{h.Key}"))}; back on survivors after {recovered.TotalSeconds:0.0} s; "
                + $"miner-1's chip passed 85 °C {crossed.TotalSeconds:0.0} s after its fan failed and it was stopped {(stopped - crossed).TotalSeconds:0.0} s later");

            // The killed silo comes back with its data directory and ports and joins as a new incarnation.
            victim.Start(cluster, common);
            await WaitAsync(() => victim.Process!.Lines.Any(l => l.StartsWith("API and dashboard on", StringComparison.Ordinal)), TimeSpan.FromSeconds(90), "the restarted silo", victim);
            Assert.Equal(silos.Select(s => s.SiloPort).Order(), await ClusterSilos.ActivePortsAsync(connection, 3, TimeSpan.FromSeconds(60)));
            var homeBlocks = Blocks(log, "home");
            await WaitAsync(() => Blocks(log, "home") > homeBlocks, TimeSpan.FromSeconds(60), "a block after the rejoin", silos);

            // A second silo dies: its grains move to the two left; the rejoined silo holds grains again.
            var now = await victim.GrainsAsync();
            var second = survivors.MaxBy(s => now.Count(g => s.IsAddress(g.Silo) && DeviceGrainTypes.Contains(g.Type)))!;
            var moved = now.Where(g => second.IsAddress(g.Silo) && DeviceGrainTypes.Contains(g.Type)).Select(g => (g.Type, g.Key)).ToList();
            await second.Process!.KillAsync(TimeSpan.FromSeconds(10));
            clock.Restart();
            while (clock.Elapsed < TimeSpan.FromSeconds(30) && !moved.All(m => now.Any(g => (g.Type, g.Key) == m && !second.IsAddress(g.Silo))))
            {
                await Task.Delay(250);
                now = await victim.GrainsAsync();
            }
            Assert.All(moved, m => Assert.Contains(now, g => (g.Type, g.Key) == m && !second.IsAddress(g.Silo)));
            // The restarted silo came back empty: every grain on it now was placed there after it rejoined.
            Assert.Contains(now, g => victim.IsAddress(g.Silo));
            (homeBlocks, var farmBlocks) = (Blocks(log, "home"), Blocks(log, "farm"));
            await WaitAsync(() => Blocks(log, "home") > homeBlocks && Blocks(log, "farm") > farmBlocks, TimeSpan.FromSeconds(60), "a block of each site after the second kill", silos);

            // Every block of both sites, from the first to the last, recorded exactly once; both chains intact.
            foreach (var site in new[] { "home", "farm" })
            {
                var audit = BlockAudit.Of(site, log.Read(site));
                output.WriteLine($"{site}: {audit}");
                Assert.True(audit.Blocks >= 5, $"{site}: {audit}");
                Assert.Equal(0, audit.Missing);
                Assert.Equal(0, audit.Duplicate);
                Assert.True(log.Verify(site).Intact);
            }
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task PostgreSQL_lost_while_running_leaves_control_and_safety_on_turns_health_to_error_and_loses_no_record()
    {
        var connection = await postgres.CreateDatabaseAsync();
        var root = Directory.CreateTempSubdirectory("bitgrid-pglost-").FullName;
        var home = Site.Write(root, "home");
        var cluster = Path.Combine(root, "cluster.json");
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "silo-config", "cluster.json")))!;
        config["Cluster"]!["Sites"] = new JsonArray("sites/home.json");
        File.WriteAllText(cluster, config.ToJsonString());
        string[] common = [$"--Cluster:Connection={connection};Timeout=2", "--Silo:ClusterId=pglost", $"--Silo:Speed={Speed}", "--Silo:SimulationStart=2026-06-21T10:00:00Z"];
        await using var devices = SiloProcess.StartWith(["--devices-only", "true", "--config", home.File, .. common]);
        await using var silo = new ClusterSilo(Path.Combine(root, "silo"), SiloProcess.FreePort(), SiloProcess.FreePort(), SiloProcess.FreePort());
        silo.Start(cluster, common);
        var log = new PostgresEventLog(new PostgresDatabase(connection));
        await WaitAsync(() => Blocks(log, "home") >= 2, TimeSpan.FromSeconds(120), "two blocks", silo);
        await WaitAsync(() => home.MinerPowerW("miner-1") > 0, TimeSpan.FromSeconds(150), "miner-1 drawing power", silo);
        var recordedBefore = log.Read("home", [LogKinds.Block], null, null).Select(r => r.Position).Max();
        var lastBlockBefore = (await silo.SiteAsync())["last_decision"]!["block_id"]!.GetValue<string>();

        await postgres.KillServerAsync();
        var lost = Stopwatch.StartNew();
        try
        {
            // Health says so within a few seconds, naming the database.
            JsonNode health;
            do
            {
                await Task.Delay(500);
                health = await silo.HealthAsync();
            }
            while (health["status"]!.GetValue<string>() != "error" && lost.Elapsed < TimeSpan.FromSeconds(20));
            Assert.Equal("error", health["status"]!.GetValue<string>());
            var healthTurned = lost.Elapsed;
            Assert.Contains("does not answer", health["checks"]!["database"]!.GetValue<string>(), StringComparison.Ordinal);

            // Blocks are still decided (the site's newest decision moves on, answered from memory) ...
            await WaitAsync(() => string.CompareOrdinal(LastBlock(silo), lastBlockBefore) > 0, TimeSpan.FromSeconds(60), "a block decided without PostgreSQL", silo);
            // ... and safety still acts: a failed fan stops the miner at its firmware within comm_timeout_sec.
            var (crossed, stopped) = await await home.FailFanAsync("miner-1");
            Assert.True(stopped - crossed < TimeSpan.FromSeconds(60), $"stopped {(stopped - crossed).TotalSeconds:0.0} s after the chip passed 85 °C");
            output.WriteLine($"without PostgreSQL: health error after {healthTurned.TotalSeconds:0.0} s; miner-1's chip passed 85 °C {crossed.TotalSeconds:0.0} s after its fan failed, stopped {(stopped - crossed).TotalSeconds:0.0} s later");
        }
        finally
        {
            await postgres.StartServerAsync();
            // This test's own pooled connections died with the server.
            Npgsql.NpgsqlConnection.ClearAllPools();
        }

        // Back: health leaves "error", and everything decided meanwhile is in the log, every block once, the chain whole.
        await WaitAsync(() => silo.HealthAsync().GetAwaiter().GetResult()["status"]!.GetValue<string>() != "error", TimeSpan.FromSeconds(30), "health back", silo);
        await WaitAsync(() => log.Read("home", [LogKinds.Safety], null, null).Any(r => r.Position > recordedBefore && r.Body.Contains("\"miner-1\"", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "the safety stop recorded once PostgreSQL is back", silo);
        var audit = BlockAudit.Of("home", log.Read("home"));
        output.WriteLine(audit.ToString());
        Assert.True(string.CompareOrdinal(audit.LastBlock, lastBlockBefore) > 0, audit.ToString());
        Assert.Equal(0, audit.Missing);
        Assert.Equal(0, audit.Duplicate);
        Assert.True(log.Verify("home").Intact);
    }

    private static string LastBlock(ClusterSilo silo)
    {
        try
        {
            return silo.SiteAsync().GetAwaiter().GetResult()["last_decision"]?["block_id"]?.GetValue<string>() ?? "";
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private static long Blocks(PostgresEventLog log, string site)
    {
        try
        {
            return log.Read(site, [LogKinds.Block], null, null).LongCount();
        }
        catch (Storage.StorageException)
        {
            return 0; // the table is made at the first silo's start
        }
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what, ClusterSilo[] silos) =>
        await ClusterSilos.WaitAsync(condition, timeout, what, [.. silos.Select(s => s.Process).OfType<SiloProcess>()]);

    private static Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what, ClusterSilo silo) => WaitAsync(condition, timeout, what, [silo]);

    /// <summary>A grain activation as <c>GET /api/v1/grains</c> lists it.</summary>
    private sealed record Grain(string Type, string Key, string Silo);

    /// <summary>One silo of the cluster: fixed ports and data directory, so a restart is the same silo again.</summary>
    private sealed class ClusterSilo(string dataDir, int siloPort, int gatewayPort, int apiPort) : IAsyncDisposable
    {
        public int SiloPort => siloPort;

        public SiloProcess? Process { get; private set; }

        private string? _token;

        public void Start(string config, string[] common)
        {
            // The admin token is printed once, at the data directory's first start: kept across a restart.
            _token ??= Process is null ? null : Token(Process);
            Process = SiloProcess.StartWith(
            [
                "--config", config, "--data-dir", dataDir, .. common,
                $"--Silo:SiloPort={siloPort}", $"--Silo:GatewayPort={gatewayPort}", $"--Api:Url=http://127.0.0.1:{apiPort}",
            ]);
        }

        private static string Token(SiloProcess process) =>
            process.Lines.First(l => l.StartsWith("admin token: ", StringComparison.Ordinal))["admin token: ".Length..].Trim();

        /// <summary>Orleans names a silo S{address}:{port}:{epoch}.</summary>
        public bool IsAddress(string silo) => silo.Contains($":{siloPort}:", StringComparison.Ordinal);

        public bool Hosts(IEnumerable<Grain> grains, string type, string key) => grains.Any(g => g.Type == type && g.Key == key && IsAddress(g.Silo));

        public HttpClient Api()
        {
            _token ??= Token(Process!);
            var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(10) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            return client;
        }

        /// <summary>Every activation of the cluster (an empty list while the answer times out during a failover).</summary>
        public async Task<List<Grain>> GrainsAsync()
        {
            using var api = Api();
            try
            {
                var json = JsonNode.Parse(await api.GetStringAsync("/api/v1/grains"))!;
                return [.. json.AsArray().SelectMany(t => t!["grains"]!.AsArray())
                    .Select(g => new Grain(g!["type"]!.GetValue<string>(), g["key"]!.GetValue<string>(), g["silo"]!.GetValue<string>()))];
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return [];
            }
        }

        public async Task<JsonNode> SiteAsync()
        {
            using var api = Api();
            return JsonNode.Parse(await api.GetStringAsync("/api/v1/site"))!;
        }

        public async Task<JsonNode> HealthAsync()
        {
            using var api = Api();
            using var answer = await api.GetAsync("/health");
            return JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        }

        public async Task<long> SiteSequenceAsync(string site)
        {
            using var api = Api();
            var state = JsonNode.Parse(await api.GetStringAsync($"/api/v1/grains/site/{site}"))!;
            return state["state"]!["last_sequence"]!.GetValue<long>();
        }

        public async ValueTask DisposeAsync()
        {
            if (Process is { } process)
            {
                await process.DisposeAsync();
            }
        }
    }

    /// <summary>A site file (from the shipped silo-config/sites) with free ports for its devices, broker and control.</summary>
    private sealed class Site
    {
        private readonly int _controlPort;

        private Site(string file, int controlPort)
        {
            File = file;
            _controlPort = controlPort;
        }

        public string File { get; }

        public static Site Write(string root, string id)
        {
            var json = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "silo-config", "sites", $"{id}.json")))!;
            var simulator = json["Simulator"]!;
            var (modbus, api, mqtt, control) = (SiloProcess.FreePort(), SiloProcess.FreePort(), SiloProcess.FreePort(), SiloProcess.FreePort());
            var (oldModbus, oldApi) = (simulator["Protocols"]!["ModbusPort"]!.GetValue<int>(), simulator["Miners"]![0]!["ApiPort"]!.GetValue<int>());
            foreach (var device in json["Site"]!["Devices"]!.AsArray())
            {
                if (device!["Port"]?.GetValue<int>() is { } port)
                {
                    device["Port"] = port == oldModbus ? modbus : port == oldApi ? api : port;
                }
            }
            simulator["Protocols"]!["ModbusPort"] = modbus;
            simulator["Miners"]![0]!["ApiPort"] = api;
            simulator["ControlPort"] = control;
            json["Mqtt"]!["Port"] = mqtt;
            var file = Path.Combine(root, "sites", $"{id}.json");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            System.IO.File.WriteAllText(file, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return new Site(file, control);
        }

        /// <summary>The miner's draw at its simulated firmware; -1 while the device process does not answer.</summary>
        public double MinerPowerW(string miner) => Miner(miner, "power_w");

        /// <summary>A figure of the miner's physical state (power_w, chip_c) at its simulated firmware; -1 while the device process does not answer.</summary>
        public double Miner(string miner, string figure)
        {
            try
            {
                using var control = Control();
                var state = JsonNode.Parse(control.GetStringAsync("/simulator").GetAwaiter().GetResult())!;
                return state["miners"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == miner)![figure]!.GetValue<double>();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return -1;
            }
        }

        private HttpClient Control() => new() { BaseAddress = new Uri($"http://127.0.0.1:{_controlPort}"), Timeout = TimeSpan.FromSeconds(5) };

        /// <summary>
        /// Fails the miner's fan and watches its firmware (every 200 ms, up to 3 minutes): the times, from the failure,
        /// at which the chip first read above 85 °C (max_chip_temp_c) and the miner first drew nothing.
        /// </summary>
        public async Task<Task<(TimeSpan Crossed, TimeSpan Stopped)>> FailFanAsync(string miner)
        {
            using (var control = Control())
            using (var answer = await control.PostAsync($"/simulator/miners/{miner}/fan-failure?minutes=120", null))
            {
                Assert.Equal(System.Net.HttpStatusCode.Accepted, answer.StatusCode);
            }
            var clock = Stopwatch.StartNew();
            return Task.Run(async () =>
            {
                TimeSpan? crossed = null;
                using var control = Control();
                while (clock.Elapsed < TimeSpan.FromMinutes(3))
                {
                    try
                    {
                        var state = JsonNode.Parse(await control.GetStringAsync("/simulator"))!["miners"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == miner)!;
                        crossed ??= state["chip_c"]!.GetValue<double>() > 85 ? clock.Elapsed : null;
                        if (state["power_w"]!.GetValue<double>() == 0)
                        {
                            return (crossed ?? throw new Xunit.Sdk.XunitException($"{miner} stopped before its chip passed 85 °C"), clock.Elapsed);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                    }
                    await Task.Delay(200);
                }
                throw new Xunit.Sdk.XunitException($"{miner} still draws power 3 minutes after its fan failed (chip past 85 °C: {crossed?.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "never"})");
            });
        }
    }
}
