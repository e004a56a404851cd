using BitGridAI.Adapters.SunSpec;

namespace BitGridAI.Adapters.Tests;

public sealed class SunSpecValuesTests
{
    [Theory]
    [InlineData((ushort)1234, (ushort)0, 1234.0)]
    [InlineData((ushort)1234, unchecked((ushort)-2), 12.34)]
    [InlineData((ushort)65535, (ushort)0, -1.0)]              // 65535 is −1 as int16
    [InlineData((ushort)0x8000, (ushort)0, null)]             // not implemented
    [InlineData((ushort)100, (ushort)0x8000, null)]           // scale factor not implemented
    public void SignedPointsApplyTheScaleFactorAndHonourTheNotImplementedMarker(ushort raw, ushort sf, double? expected)
    {
        var value = SunSpecValues.ScaledSigned(raw, sf);
        if (expected is null)
        {
            Assert.Null(value);
        }
        else
        {
            Assert.Equal(expected.Value, value!.Value, 9);
        }
    }

    [Fact]
    public void UnsignedAccumulatorFloatAndTextMarkersReadAsMissing()
    {
        Assert.Null(SunSpecValues.ScaledUnsigned(0xFFFF, 0));
        Assert.Equal(65535.0 - 1, SunSpecValues.ScaledUnsigned(65534, 0));
        Assert.Null(SunSpecValues.Accumulator(0, 0, 0));
        Assert.Equal(65536.0 + 1, SunSpecValues.Accumulator(1, 1, 0));
        Assert.Null(SunSpecValues.FloatingPoint(0x7FC0, 0x0000));
        Assert.Equal(1.5, SunSpecValues.FloatingPoint(0x3FC0, 0x0000));
        Assert.Null(SunSpecValues.Text([0, 0, 0]));
        Assert.Equal("AB", SunSpecValues.Text([0x4142, 0]));
    }

    [Fact]
    public async Task ADeviceWithoutTheSunSMarkerIsNotSunSpec()
    {
        var port = PeerProcess.FreePort();
        using var plain = new PeerProcess("/usr/bin/python3",
            [Path.Combine(AppContext.BaseDirectory, "Peers", "modbus_server.py"), port.ToString(System.Globalization.CultureInfo.InvariantCulture)], port);
        await using var client = new Modbus.ModbusTcpClient("127.0.0.1", port, TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<SunSpecException>(() => new SunSpecDevice(client, 1).DiscoverAsync());

        Assert.Contains("SunS", error.Message, StringComparison.Ordinal);
    }
}
