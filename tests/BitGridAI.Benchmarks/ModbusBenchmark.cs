using System.Diagnostics;
using System.Globalization;
using BitGridAI.Adapters.Drivers;
using BitGridAI.Adapters.Modbus;
using BitGridAI.Adapters.SunSpec;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Benchmarks;

/// <summary>
/// One poll of a SunSpec inverter, meter and battery (three model reads) over loopback: the time the device
/// grains spend per poll. Against two peers: the pymodbus SunSpec map the adapter tests use, read by our
/// Modbus client directly; and the simulator's own Modbus server (three units on one server), read the way
/// the silo reads it, through <see cref="DriverPorts"/> over a <see cref="SunSpecDriver"/> per device.
/// </summary>
internal static class ModbusBenchmark
{
    private const int Polls = 300;
    private const int WarmUp = 20;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string peerScript)
    {
        Latencies.PrintMedianAndP99("sunspec_poll", await PymodbusPollsAsync(peerScript));
        Latencies.PrintMedianAndP99("sunspec_poll_sim", await SimulatorPollsAsync());
        return 0;
    }

    private static async Task<List<double>> PymodbusPollsAsync(string peerScript)
    {
        var port = BenchSilo.FreePort();
        using var server = Process.Start(new ProcessStartInfo("/usr/bin/python3", [peerScript, port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
        })!;
        try
        {
            await using var client = new ModbusTcpClient("127.0.0.1", port, Timeout);
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
            return await Latencies.TimeAsync(WarmUp, Polls, async () =>
            {
                await device.ReadInverterAsync();
                await device.ReadMeterAsync();
                await device.ReadBatteryAsync();
            });
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }

    /// <summary>The first (warm-up) poll also discovers each unit's model chain, as the silo's first poll does.</summary>
    private static async Task<List<double>> SimulatorPollsAsync()
    {
        await using var simulator = await SimulatorPeer.StartAsync([]);
        var options = simulator.Options;
        var protocols = options.Protocols;
        SunSpecDriver Unit(DeviceKind kind, int unit) =>
            new(kind, new ModbusTcpClient("127.0.0.1", simulator.Servers.ModbusPort, Timeout), (byte)unit, SunSpecLayout.Standard, MeterSign.ImportPositive);
        string[] ids = [options.InverterId, options.MeterId, options.BatteryId];
        var devices = new Dictionary<string, IDeviceDriver?>(StringComparer.Ordinal)
        {
            [options.InverterId] = Unit(DeviceKind.PvInverter, protocols.InverterUnit),
            [options.MeterId] = Unit(DeviceKind.GridMeter, protocols.MeterUnit),
            [options.BatteryId] = Unit(DeviceKind.Battery, protocols.BatteryUnit),
        };
        await using var ports = new DriverPorts(devices, new Dictionary<string, IRelayDriver>(), null, new SiteClock(simulator.Clock), TimeProvider.System);
        foreach (var id in ids)
        {
            if ((await ports.ReadAsync(id, CancellationToken.None)).Count == 0)
            {
                throw new InvalidOperationException($"the simulator's SunSpec unit for {id} gave no reading");
            }
        }
        return await Latencies.TimeAsync(WarmUp, Polls, async () =>
        {
            foreach (var id in ids)
            {
                await ports.ReadAsync(id, CancellationToken.None);
            }
        });
    }
}
