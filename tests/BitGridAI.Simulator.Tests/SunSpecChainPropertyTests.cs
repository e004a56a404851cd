using System.Net;
using BitGridAI.Adapters;
using BitGridAI.Adapters.Drivers;
using BitGridAI.Adapters.Modbus;
using BitGridAI.Adapters.SunSpec;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Simulator.Protocols;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Simulator.Tests;

/// <summary>
/// SunSpec maps as a broken device might serve them — models shorter than their points, lengths that run the
/// chain past 0xFFFF, random register contents — read through the driver ports over the simulator's Modbus
/// server: a poll gives finite readings or a <see cref="DeviceUnreachableException"/>, nothing else.
/// </summary>
public sealed class SunSpecChainPropertyTests
{
    private const ushort Base = 40000;
    private static readonly string[] FailureKinds = ["sunspec", "modbus_exception_2", "modbus_exception_3"];
    private static readonly ushort[] Ids = [1, 101, 103, 111, 113, 201, 203, 124, 802, 7, 0xFFFF];

    [Fact]
    public async Task AnyModelChainIsReadingsOrACountedDeviceFailure()
    {
        var bank = new ModbusRegisterBank(registerStart: Base, registerCount: 0x10000 - Base);
        await using var server = ModbusTcpServer.Start(IPAddress.Loopback, 0, new Dictionary<byte, IModbusUnit> { [1] = bank }, "fuzzed SunSpec map");
        await using var client = new ModbusTcpClient("127.0.0.1", server.Port, TimeSpan.FromSeconds(5));
        var model = Gen.Select(Gen.Int[0, Ids.Length - 1], Gen.Frequency((4, Gen.Int[0, 130]), (1, Gen.Int[0, 0xFFFF])));
        var kinds = new[] { DeviceKind.PvInverter, DeviceKind.GridMeter, DeviceKind.Battery };

        await Gen.Select(model.Array[0, 6], Gen.Int, Gen.Int[0, 2]).SampleAsync(async (models, seed, kind) =>
        {
            Fill(bank, models, seed);
            var driver = new SunSpecDriver(kinds[kind], client, 1, SunSpecLayout.Standard with { BaseAddress = Base }, MeterSign.ImportPositive);
            await using var ports = new DriverPorts(
                new Dictionary<string, IDeviceDriver?> { ["dev"] = driver }, new Dictionary<string, IRelayDriver>(), null,
                new SiteClock(new FakeTimeProvider()), TimeProvider.System, new Backoff(TimeSpan.Zero, TimeSpan.Zero));
            try
            {
                var samples = await ports.ReadAsync("dev", CancellationToken.None);
                Assert.All(samples, s => Assert.True(double.IsFinite(s.Value), $"{s.Signal} = {s.Value}"));
            }
            catch (DeviceUnreachableException e)
            {
                Assert.Contains(e.Kind, FailureKinds);
            }
        }, iter: 300, threads: 1);
    }

    /// <summary>"SunS", then the models as given (random contents), then the end marker if there is room.</summary>
    private static void Fill(ModbusRegisterBank bank, (int Id, int Length)[] models, int seed)
    {
        var random = new Random(seed);
        for (int a = Base; a <= 0xFFFF; a++)
        {
            bank[(ushort)a] = (ushort)random.Next(0x10000);
        }
        bank[Base] = 0x5375;
        bank[Base + 1] = 0x6E53;
        int at = Base + 2;
        foreach (var (id, length) in models)
        {
            if (at + 1 > 0xFFFF)
            {
                return;
            }
            bank[(ushort)at] = Ids[id];
            bank[(ushort)(at + 1)] = (ushort)length;
            at += 2 + length;
        }
        if (at + 1 <= 0xFFFF)
        {
            bank[(ushort)at] = 0xFFFF;
            bank[(ushort)(at + 1)] = 0;
        }
    }
}
