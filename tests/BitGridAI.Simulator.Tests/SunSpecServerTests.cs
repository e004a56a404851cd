using BitGridAI.Adapters.Modbus;
using BitGridAI.Adapters.SunSpec;

namespace BitGridAI.Simulator.Tests;

/// <summary>
/// The simulator's inverter, meter and battery as SunSpec devices, read by mbpoll (independent) and by
/// BitGridAI's own SunSpec reader: the values must be the simulated site's, rounded per scale factor.
/// </summary>
public sealed class SunSpecServerTests : IAsyncLifetime
{
    // "SunS" at 40000, common model 1 (2 + 66 registers) from 40002: the device model starts at 40070.
    private const int DeviceModel = 40070;

    // The simulated devices' energy counters start here (they ran before the simulation began).
    private const double BaselineWh = 1_000_000;
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task MbpollReadsTheMarkerAndTheInverterPowerAndEnergy()
    {
        var port = _sim.Servers.ModbusPort;
        var site = _sim.Site.ReadNow();
        Assert.True(site.PvW > 1000, $"a June noon should have sun, PV is {site.PvW:F0} W");

        var marker = await Mbpoll.ReadAsync(port, 1, 40000, 2, "4:hex");
        var inverter = await Mbpoll.ReadAsync(port, 1, DeviceModel, 16);
        var energy = await Mbpoll.ReadAsync(port, 1, DeviceModel + 24, 1, "4:int");

        Assert.Equal([0x5375, 0x6E53], [marker[40000], marker[40001]]);
        Assert.Equal([103, 50], [inverter[DeviceModel], inverter[DeviceModel + 1]]);
        Assert.Equal(Math.Round(site.PvW), inverter[DeviceModel + 14] * Math.Pow(10, inverter[DeviceModel + 15]));
        Assert.Equal(Math.Round(BaselineWh + site.PvEnergyWh), energy[DeviceModel + 24]);
    }

    [Fact]
    public async Task MbpollReadsTheMeterExportingAtNoonAndImportingAtNight()
    {
        var options = SimulatorHarness.DefaultOptions();
        options.MaxDischargeW = 300; // too weak to carry the night's load: the grid takes the rest
        await using var sim = await SimulatorHarness.StartAsync(options);
        var noon = sim.Site.ReadNow();
        var atNoon = await Mbpoll.ReadAsync(sim.Servers.ModbusPort, 2, DeviceModel, 23);
        sim.Clock.Advance(TimeSpan.FromHours(11));
        var night = sim.Site.ReadNow();
        var atNight = await Mbpoll.ReadAsync(sim.Servers.ModbusPort, 2, DeviceModel, 23);

        Assert.Equal([203, 105], [atNoon[DeviceModel], atNoon[DeviceModel + 1]]);
        Assert.True(noon.ExportW > 0 && night.ImportW > 0, $"export at noon {noon.ExportW:F0} W, import at night {night.ImportW:F0} W");
        Assert.Equal(-Math.Round(noon.ExportW), atNoon[DeviceModel + 18] * Math.Pow(10, atNoon[DeviceModel + 22]));
        Assert.Equal(Math.Round(night.ImportW), atNight[DeviceModel + 18] * Math.Pow(10, atNight[DeviceModel + 22]));
    }

    [Fact]
    public async Task MbpollReadsTheBatterySocAndPower()
    {
        var site = _sim.Site.ReadNow();
        Assert.NotEqual(0, Math.Round(site.BatteryW)); // at noon the battery charges: the sign is part of what is checked

        var battery = await Mbpoll.ReadAsync(_sim.Servers.ModbusPort, 3, DeviceModel, 64);

        Assert.Equal([802, 62], [battery[DeviceModel], battery[DeviceModel + 1]]);
        Assert.Equal(Math.Round(site.SocPct, 1), Math.Round(battery[DeviceModel + 11] * Math.Pow(10, battery[DeviceModel + 56]), 1));
        Assert.Equal(Math.Round(site.BatteryW), battery[DeviceModel + 47] * Math.Pow(10, battery[DeviceModel + 63]));
    }

    [Fact]
    public async Task OurSunSpecReaderFindsEachModelChainAndDecodesTheSite()
    {
        await using var client = new ModbusTcpClient("127.0.0.1", _sim.Servers.ModbusPort, TimeSpan.FromSeconds(5));
        var inverter = new SunSpecDevice(client, 1);
        var meter = new SunSpecDevice(client, 2);
        var battery = new SunSpecDevice(client, 3);

        Assert.Equal([1, 103], (await inverter.DiscoverAsync()).Select(m => (int)m.Id));
        Assert.Equal([1, 203], (await meter.DiscoverAsync()).Select(m => (int)m.Id));
        Assert.Equal([1, 802, 124], (await battery.DiscoverAsync()).Select(m => (int)m.Id));

        for (var hour = 0; hour < 3; hour++)
        {
            _sim.Clock.Advance(TimeSpan.FromMinutes(47));
            var site = _sim.Site.ReadNow();
            Assert.Equal((Math.Round(site.PvW), Math.Round(BaselineWh + site.PvEnergyWh)), await inverter.ReadInverterAsync());
            Assert.Equal((Math.Round(site.ImportW - site.ExportW), Math.Round(BaselineWh + site.ExportedWh), Math.Round(BaselineWh + site.ImportedWh)), await meter.ReadMeterAsync());
            var (soc, batteryW) = await battery.ReadBatteryAsync();
            Assert.Equal((Math.Round(site.SocPct, 1), Math.Round(site.BatteryW)), (Math.Round(soc!.Value, 1), batteryW)); // 10^-1 is inexact in binary
        }
        Assert.Equal(("BitGridAI", "Simulator", "SIM-meter-1"), await meter.ReadCommonAsync());
    }

    [Fact]
    public async Task TheBatteryShowsItsStateOfChargeInBothModelsAndUnsetPointsAsNull()
    {
        await using var client = new ModbusTcpClient("127.0.0.1", _sim.Servers.ModbusPort, TimeSpan.FromSeconds(5));
        var battery = new SunSpecDevice(client, 3);
        var inverter = new SunSpecDevice(client, 1);
        var site = _sim.Site.ReadNow();

        var points = new Dictionary<int, IReadOnlyList<SunSpecPoint>>();
        foreach (var model in await battery.DiscoverAsync())
        {
            points[model.Id] = await battery.ReadPointsAsync(model);
        }
        var inverterModel = (await inverter.DiscoverAsync()).Single(m => m.Id == 103);
        var inverterPoints = (await inverter.ReadPointsAsync(inverterModel)).ToDictionary(p => p.Name, p => p.Value);

        double? Soc(int model) => points[model].Single(p => p.Name == "soc_pct").Value;
        Assert.Equal(Math.Round(site.SocPct, 1), Math.Round(Soc(802)!.Value, 1));
        Assert.Equal(Math.Round(site.SocPct, 1), Math.Round(Soc(124)!.Value, 1));
        Assert.Equal("SIM-battery-1", points[1].Single(p => p.Name == "serial").Text);
        Assert.Null(inverterPoints["current_a"]); // 0xFFFF with SF 0x8000: not implemented, not 0 A
        Assert.Null(inverterPoints["cabinet_temp_c"]);
        Assert.Equal(Math.Round(site.PvW), inverterPoints["power_w"]);
    }

    [Fact]
    public async Task TheStorageModelCarriesTheSocAndUnsetPointsCarryNotImplementedMarkers()
    {
        await using var client = new ModbusTcpClient("127.0.0.1", _sim.Servers.ModbusPort, TimeSpan.FromSeconds(5));
        var site = _sim.Site.ReadNow();
        var storage = await client.ReadHoldingRegistersAsync(3, DeviceModel + 64, 26);
        var inverter = await client.ReadHoldingRegistersAsync(1, DeviceModel, 52);
        var meter = await client.ReadHoldingRegistersAsync(2, DeviceModel, 107);

        Assert.Equal([124, 24], storage[..2]);
        Assert.Equal(Math.Round(site.SocPct, 1), Math.Round(storage[8] * Math.Pow(10, (short)storage[22]), 1));
        Assert.Equal(4, storage[11]); // ChaSt CHARGING while the battery takes the noon surplus
        Assert.Equal(0xFFFF, inverter[2]); // A, uint16
        Assert.Equal(0x8000, inverter[6]); // A_SF
        Assert.Equal(0x8000, inverter[33]); // TmpCab, int16
        Assert.Equal(4, inverter[38]); // St MPPT while producing
        Assert.Equal(0x8000, meter[2]); // A, int16 in meter models
        Assert.Equal([0, 0], meter[55..57]); // TotVAhExp, acc32
        Assert.Equal([0xFFFF, 0], (await client.ReadHoldingRegistersAsync(3, DeviceModel + 64 + 26, 2)).ToArray()); // end of chain
    }

    [Theory]
    [InlineData("beyond the end of the map", "03 9C B8 00 05", "83 02")]
    [InlineData("below the marker", "03 00 00 00 02", "83 02")]
    [InlineData("126 registers", "03 9C 40 00 7E", "83 03")]
    [InlineData("a write to the read-only map", "06 9C 4E 00 01", "86 02")]
    [InlineData("an unsupported function", "11", "91 01")]
    public async Task TheSunSpecServerRefusesBadRequests(string what, string request, string expected)
    {
        var reply = await RawModbus.ExchangeAsync(_sim.Servers.ModbusPort, RawModbus.Frame(1, 1, Convert.FromHexString(request.Replace(" ", "", StringComparison.Ordinal))));

        Assert.True(reply.AsSpan(7).SequenceEqual(Convert.FromHexString(expected.Replace(" ", "", StringComparison.Ordinal))), $"{what}: got {Convert.ToHexString(reply, 7, reply.Length - 7)}");
    }
}
