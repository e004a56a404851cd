using System.Diagnostics;
using System.Globalization;
using BitGridAI.Adapters.Modbus;
using BitGridAI.Adapters.SunSpec;

namespace BitGridAI.Benchmarks;

/// <summary>
/// One poll of a SunSpec inverter, meter and battery (three model reads) over loopback, against the
/// pymodbus SunSpec map the adapter tests use: the time a device grain would spend per poll.
/// </summary>
internal static class ModbusBenchmark
{
    private const int Polls = 300;

    public static async Task<int> RunAsync(string peerScript)
    {
        var port = BenchSilo.FreePort();
        using var server = Process.Start(new ProcessStartInfo("/usr/bin/python3", [peerScript, port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
        })!;
        try
        {
            await using var client = new ModbusTcpClient("127.0.0.1", port, TimeSpan.FromSeconds(2));
            var device = new SunSpecDevice(client, 1);
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (true)
            {
                try
                {
                    await device.DiscoverAsync();
                    break;
                }
                catch (ModbusProtocolException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50); // the server is still starting
                }
            }
            var times = new List<double>(Polls);
            for (var i = 0; i < Polls + 20; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await device.ReadInverterAsync();
                await device.ReadMeterAsync();
                await device.ReadBatteryAsync();
                if (i >= 20)
                {
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
            times.Sort();
            Console.WriteLine($"sunspec_poll_ms={times[times.Count / 2]:F2}");
            Console.WriteLine($"sunspec_poll_p99_ms={times[(int)Math.Ceiling(times.Count * 0.99) - 1]:F2}");
            return 0;
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }
}
