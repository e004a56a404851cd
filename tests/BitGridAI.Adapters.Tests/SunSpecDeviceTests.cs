using System.Globalization;
using BitGridAI.Adapters.Modbus;
using BitGridAI.Adapters.SunSpec;

namespace BitGridAI.Adapters.Tests;

/// <summary>SunSpec discovery and decoding against a SunSpec map served by pymodbus.</summary>
public sealed class SunSpecDeviceTests : IDisposable
{
    private readonly PeerProcess _server;

    public SunSpecDeviceTests()
    {
        var port = PeerProcess.FreePort();
        _server = new PeerProcess("/usr/bin/python3",
            [Path.Combine(AppContext.BaseDirectory, "Peers", "sunspec_server.py"), port.ToString(CultureInfo.InvariantCulture)], port);
    }

    [Fact]
    public async Task DiscoversTheModelChainByTheLengthsTheDeviceReports()
    {
        await using var client = new ModbusTcpClient("127.0.0.1", _server.Port, TimeSpan.FromSeconds(2));
        var device = new SunSpecDevice(client, 1);

        var models = await device.DiscoverAsync();

        Assert.Equal([(ushort)1, (ushort)103, (ushort)203, (ushort)802, (ushort)124], models.Select(m => m.Id));
        Assert.Equal(65, models[0].Length); // the short common model: lengths are read, never assumed
        Assert.Equal(40002 + 2 + 65, models[1].Address);
    }

    [Fact]
    public async Task DecodesInverterMeterAndBatteryWithTheirScaleFactors()
    {
        await using var client = new ModbusTcpClient("127.0.0.1", _server.Port, TimeSpan.FromSeconds(2));
        var device = new SunSpecDevice(client, 1);
        await device.DiscoverAsync();

        Assert.Equal(("BitGridSim", "Inverter X", "SN-0042"), await device.ReadCommonAsync());
        var (pvW, energyWh) = await device.ReadInverterAsync();
        Assert.Equal(1234.5, pvW!.Value, 6);
        Assert.Equal(12345678.0, energyWh);
        Assert.Equal((-1500.0, 200000.0, 50000.0), await device.ReadMeterAsync());
        var (soc, batteryW) = await device.ReadBatteryAsync();
        Assert.Equal(65.5, soc!.Value, 6);
        Assert.Equal(-1200.0, batteryW);
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task AVendorMapAtAnotherBaseWithLowWordFirstIsReadAsConfigured()
    {
        var port = PeerProcess.FreePort();
        using var vendor = new PeerProcess("/usr/bin/python3",
            [Path.Combine(AppContext.BaseDirectory, "Peers", "sunspec_server.py"), port.ToString(CultureInfo.InvariantCulture), "1000", "low-word-first"], port);
        await using var client = new ModbusTcpClient("127.0.0.1", vendor.Port, TimeSpan.FromSeconds(2));

        var searched = await Assert.ThrowsAsync<SunSpecException>(() => new SunSpecDevice(client, 1).DiscoverAsync());
        Assert.Contains("40000, 0 or 50000", searched.Message, StringComparison.Ordinal);

        var swappedAsStandard = new SunSpecDevice(client, 1, new SunSpecLayout(1000));
        await swappedAsStandard.DiscoverAsync();
        Assert.NotEqual(12345678.0, (await swappedAsStandard.ReadInverterAsync()).EnergyWh);

        var configured = new SunSpecDevice(client, 1, new SunSpecLayout(1000, WordOrder.LowFirst));
        var models = await configured.DiscoverAsync();
        Assert.Equal(1002, models[0].Address);
        Assert.Equal(12345678.0, (await configured.ReadInverterAsync()).EnergyWh);

        var elsewhere = await Assert.ThrowsAsync<SunSpecException>(() => new SunSpecDevice(client, 1, new SunSpecLayout(2000)).DiscoverAsync());
        Assert.Contains("configured base address 2000", elsewhere.Message, StringComparison.Ordinal);
    }
}
