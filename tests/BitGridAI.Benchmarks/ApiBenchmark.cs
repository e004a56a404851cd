using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace BitGridAI.Benchmarks;

/// <summary>
/// The HTTP API of the real silo process (standalone configuration, simulated site at its default 60×):
/// GET /api/v1/site at 200 requests/s (open loop: requests leave on schedule whether or not earlier ones have
/// answered), 50 WebSocket stream clients at 1 Hz with the silo's CPU over the same window measured without them, and
/// the emergency stop from POST /api/v1/emergency-stop until the STOP command reaches the miner's firmware: the
/// silo's miner driver talks to the simulator's cgminer server through a tap in this process that timestamps the
/// soft-off request as it arrives and forwards it, so the simulated miner really stops.
/// </summary>
internal static class ApiBenchmark
{
    private const int SiteRate = 200;
    private static readonly TimeSpan SiteWindow = TimeSpan.FromSeconds(20);
    private const int StreamClients = 50;
    private static readonly TimeSpan CpuWindow = TimeSpan.FromSeconds(20);
    private const int StopTrials = 200;
    private const int StopWarmUp = 10;

    public static async Task<int> RunAsync(string siloDll)
    {
        var data = Directory.CreateTempSubdirectory("bitgrid-bench-api-").FullName;
        var simulatorPort = FreePort();
        await using var tap = new FirmwareTap(simulatorPort);
        var apiPort = FreePort();
        var modbusPort = FreePort();
        var luxOsPort = FreePort();
        var bitaxePort = FreePort();
        string[] args =
        [
            siloDll, "--data-dir", data, $"--Api:Url=http://127.0.0.1:{apiPort}", $"--Mqtt:Port={FreePort()}",
            $"--Silo:SiloPort={FreePort()}", $"--Silo:GatewayPort={FreePort()}", $"--Simulator:Protocols:ModbusPort={modbusPort}",
            $"--Site:Devices:0:Port={modbusPort}", $"--Site:Devices:1:Port={modbusPort}", $"--Site:Devices:2:Port={modbusPort}",
            $"--Simulator:Miners:0:ApiPort={simulatorPort}", $"--Site:Devices:3:Port={tap.Port}",
            $"--Simulator:Miners:1:ApiPort={luxOsPort}", $"--Site:Devices:6:Port={luxOsPort}",
            $"--Simulator:Miners:2:ApiPort={bitaxePort}", $"--Site:Devices:7:Port={bitaxePort}",
            // 200 emergency stops and acknowledgements in a few minutes: above the per-token limit for people.
            "--Api:ControlWritesPerMinute=10000",
        ];
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        args.ToList().ForEach(info.ArgumentList.Add);
        using var silo = Process.Start(info)!;
        var lines = new List<string>();
        silo.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add(e.Data); };
        silo.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add(e.Data); };
        silo.BeginOutputReadLine();
        silo.BeginErrorReadLine();
        try
        {
            string? Line(string prefix) { lock (lines) return lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)); }
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (Line("block ") is null)
            {
                if (DateTime.UtcNow > deadline || silo.HasExited)
                {
                    lock (lines) Console.Error.WriteLine(string.Join('\n', lines.TakeLast(30)));
                    return 1;
                }
                await Task.Delay(100);
            }
            var token = Line("admin token: ")!["admin token: ".Length..].Trim();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            // Idle first: nothing asks the API; the silo runs its site.
            await Task.Delay(TimeSpan.FromSeconds(20));
            Console.WriteLine($"api_idle_rss_mb={RssMb(silo.Id):F0}");

            await SiteAsync(http);
            await StreamAsync(apiPort, token, silo.Id);
            await EmergencyStopAsync(http, tap);
            Console.WriteLine($"api_rss_after_load_mb={RssMb(silo.Id):F0}");
            return 0;
        }
        finally
        {
            if (!silo.HasExited)
            {
                silo.Kill(entireProcessTree: true);
                await silo.WaitForExitAsync();
            }
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // the temp directory is cleaned up later
            }
        }
    }

    private static async Task SiteAsync(HttpClient http)
    {
        for (var i = 0; i < 200; i++)
        {
            (await http.GetAsync("/api/v1/site")).EnsureSuccessStatusCode();
        }
        var count = (int)(SiteRate * SiteWindow.TotalSeconds);
        var latencies = new double[count];
        var failures = 0;
        var start = Stopwatch.GetTimestamp();
        var requests = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / (double)SiteRate);
            while (Stopwatch.GetTimestamp() < due)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(2))
                {
                    await Task.Delay(wait - TimeSpan.FromMilliseconds(1));
                }
            }
            var index = i;
            requests.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync("/api/v1/site");
                await response.Content.ReadAsByteArrayAsync();
                latencies[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }));
        }
        await Task.WhenAll(requests);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Array.Sort(latencies);
        Console.WriteLine($"site_requests={count}");
        Console.WriteLine($"site_rate_per_s={count / elapsed:F0}");
        Console.WriteLine($"site_failures={failures}");
        Console.WriteLine($"site_p50_ms={Percentile(latencies, 0.50):F2}");
        Console.WriteLine($"site_p99_ms={Percentile(latencies, 0.99):F2}");
    }

    private static async Task StreamAsync(int apiPort, string token, int siloPid)
    {
        var idle = await CpuPercentAsync(siloPid, CpuWindow);
        using var stop = new CancellationTokenSource();
        var received = new long[StreamClients];
        var sockets = new List<ClientWebSocket>();
        var readers = new List<Task>();
        for (var i = 0; i < StreamClients; i++)
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{apiPort}/api/v1/stream?access_token={Uri.EscapeDataString(token)}"), CancellationToken.None);
            sockets.Add(socket);
            var index = i;
            readers.Add(Task.Run(async () =>
            {
                var buffer = new byte[64 * 1024];
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var result = await socket.ReceiveAsync(buffer, stop.Token);
                        if (result.EndOfMessage)
                        {
                            Interlocked.Increment(ref received[index]);
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // done
                }
            }));
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = received.Sum();
        var busy = await CpuPercentAsync(siloPid, CpuWindow);
        var messages = received.Sum() - before;
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        foreach (var socket in sockets)
        {
            socket.Abort();
            socket.Dispose();
        }
        Console.WriteLine($"ws_clients={StreamClients}");
        Console.WriteLine($"ws_messages_per_client_per_s={messages / (double)StreamClients / CpuWindow.TotalSeconds:F2}");
        Console.WriteLine($"ws_idle_cpu_pct={idle:F1}");
        Console.WriteLine($"ws_cpu_pct={busy:F1}");
        Console.WriteLine($"ws_cpu_added_pct={busy - idle:F1}");
    }

    private static async Task EmergencyStopAsync(HttpClient http, FirmwareTap tap)
    {
        var latencies = new List<double>(StopTrials);
        for (var i = 0; i < StopWarmUp + StopTrials; i++)
        {
            var reached = tap.NextSoftOff();
            var sent = Stopwatch.GetTimestamp();
            using (var response = await http.PostAsync("/api/v1/emergency-stop", new StringContent("""{"reason":"benchmark"}""", Encoding.UTF8, "application/json")))
            {
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"emergency stop answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            var at = await reached.WaitAsync(TimeSpan.FromSeconds(10));
            if (i >= StopWarmUp)
            {
                latencies.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
            }
            (await http.PostAsync("/api/v1/emergency-stop/ack", null)).EnsureSuccessStatusCode();
            await Task.Delay(50);
        }
        latencies.Sort();
        Console.WriteLine($"api_emergency_stop_trials={StopTrials}");
        Console.WriteLine($"api_emergency_stop_p50_ms={Percentile([.. latencies], 0.50):F2}");
        Console.WriteLine($"api_emergency_stop_p99_ms={Percentile([.. latencies], 0.99):F2}");
        Console.WriteLine($"api_emergency_stop_max_ms={latencies[^1]:F2}");
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>The process's CPU time over the window as a percentage of one core (/proc/PID/stat utime + stime).</summary>
    internal static async Task<double> CpuPercentAsync(int pid, TimeSpan window)
    {
        var before = CpuTicks(pid);
        var start = Stopwatch.GetTimestamp();
        await Task.Delay(window);
        var ticks = CpuTicks(pid) - before;
        return ticks / 100.0 / Stopwatch.GetElapsedTime(start).TotalSeconds * 100;
    }

    internal static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields after the command: state is index 0, utime 11, stime 12 (in clock ticks of 1/100 s).
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    internal static double RssMb(int pid) =>
        File.ReadAllLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).Single();

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Sits between the silo's cgminer driver and the simulated firmware: one request per connection, forwarded as is,
    /// the reply copied back; a soft-off request is timestamped the moment it has fully arrived.
    /// </summary>
    private sealed class FirmwareTap : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly int _firmwarePort;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private TaskCompletionSource<long> _softOff = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public FirmwareTap(int firmwarePort)
        {
            _firmwarePort = firmwarePort;
            _listener.Start();
            _loop = Task.Run(AcceptAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>Completes with the Stopwatch timestamp of the next soft-off request.</summary>
        public Task<long> NextSoftOff()
        {
            var next = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _softOff, next);
            return next.Task;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _loop;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // stopped
            }
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => RelayAsync(client));
            }
        }

        private async Task RelayAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var request = new List<byte>();
                    var buffer = new byte[4096];
                    // A cgminer request is one JSON object: complete when its braces balance.
                    while (!Complete(request))
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }
                        request.AddRange(buffer.AsSpan(0, read));
                    }
                    var text = Encoding.ASCII.GetString([.. request]);
                    if (text.Contains("softoff", StringComparison.Ordinal))
                    {
                        Volatile.Read(ref _softOff).TrySetResult(Stopwatch.GetTimestamp());
                    }
                    using var firmware = new TcpClient();
                    await firmware.ConnectAsync(IPAddress.Loopback, _firmwarePort, _stop.Token);
                    var upstream = firmware.GetStream();
                    await upstream.WriteAsync(request.ToArray(), _stop.Token);
                    await upstream.CopyToAsync(stream, _stop.Token);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
                {
                    // one broken exchange: the driver counts it as a failed poll
                }
            }
        }

        private static bool Complete(List<byte> request)
        {
            var depth = 0;
            var seen = false;
            foreach (var b in request)
            {
                if (b == '{') { depth++; seen = true; }
                else if (b == '}') depth--;
            }
            return seen && depth == 0;
        }
    }
}
