using System.Globalization;
using System.Text.Json;
using BitGridAI.Adapters.Tests;
using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests;

/// <summary><c>bitgrid probe modbus://…</c> against a SunSpec map served by pymodbus (inverter, meter, battery 802 and storage 124).</summary>
public sealed class SunSpecProbeTests : IDisposable
{
    private readonly PeerProcess _device;

    public SunSpecProbeTests()
    {
        var port = PeerProcess.FreePort();
        _device = new PeerProcess("/usr/bin/python3",
            [Path.Combine(AppContext.BaseDirectory, "Peers", "sunspec_server.py"), port.ToString(CultureInfo.InvariantCulture)], port);
    }

    [Fact]
    public void EveryModelIsPrintedWithItsDecodedPointsAndBothStateOfChargeValuesShow()
    {
        var result = Bitgrid.Run("probe", $"modbus://127.0.0.1:{_device.Port.ToString(CultureInfo.InvariantCulture)}/1");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var models = json.RootElement.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetInt32());
        Assert.Equal([1, 103, 203, 802, 124], models.Keys);
        double Point(int model, string name) => models[model].GetProperty("points").GetProperty(name).GetDouble();

        Assert.Equal("SN-0042", models[1].GetProperty("points").GetProperty("serial").GetString());
        Assert.Equal(1234.5, Point(103, "power_w"), 6);
        Assert.Equal(12_345_678, Point(103, "energy_wh"));
        Assert.Equal(4, Point(103, "operating_state"));
        Assert.Equal(-1500, Point(203, "power_w"));
        Assert.Equal(200_000, Point(203, "exported_wh"));
        Assert.Equal(65.5, Point(802, "soc_pct"), 6);
        Assert.Equal(-1200, Point(802, "power_w"));
        Assert.Equal(65.0, Point(124, "soc_pct"), 6);
        Assert.Equal(10.0, Point(124, "min_reserve_pct"), 6);
        Assert.Equal("battery", models[802].GetProperty("name").GetString());
        Assert.Equal("storage", models[124].GetProperty("name").GetString());
    }

    [Fact]
    public void APointTheDeviceMarksNotImplementedIsNullNotZero()
    {
        var result = Bitgrid.Run("probe", $"modbus://127.0.0.1:{_device.Port.ToString(CultureInfo.InvariantCulture)}/1");

        using var json = JsonDocument.Parse(result.Out);
        var inverter = json.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("id").GetInt32() == 103);
        Assert.Equal(JsonValueKind.Null, inverter.GetProperty("points").GetProperty("frequency_hz").ValueKind); // 0xFFFF in the map
    }

    public void Dispose() => _device.Dispose();
}
