using BitGridAI.Adapters.Modbus;

namespace BitGridAI.Adapters.Tests;

/// <summary>The Modbus client against Debian's pymodbus, a real and independent server.</summary>
public sealed class ModbusTcpClientTests : IDisposable
{
    private readonly PeerProcess _server;

    public ModbusTcpClientTests()
    {
        var port = PeerProcess.FreePort();
        _server = new PeerProcess("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "Peers", "modbus_server.py"), port.ToString(System.Globalization.CultureInfo.InvariantCulture)], port);
    }

    private ModbusTcpClient Client() => new("127.0.0.1", _server.Port, TimeSpan.FromSeconds(2));

    [Fact]
    public async Task ReadsHoldingAndInputRegistersAtTheirWireAddresses()
    {
        await using var client = Client();

        Assert.Equal([1010, 1011, 1012], await client.ReadHoldingRegistersAsync(1, 10, 3));
        Assert.Equal([2005], await client.ReadInputRegistersAsync(1, 5, 1));
        Assert.Equal(125, (await client.ReadHoldingRegistersAsync(1, 0, 125)).Length);
    }

    [Fact]
    public async Task WritesRegistersAndReadsThemBack()
    {
        await using var client = Client();

        await client.WriteSingleRegisterAsync(1, 20, 65535);
        await client.WriteMultipleRegistersAsync(1, 30, [1, 2, 3, 4]);

        Assert.Equal([65535], await client.ReadHoldingRegistersAsync(1, 20, 1));
        Assert.Equal([1, 2, 3, 4], await client.ReadHoldingRegistersAsync(1, 30, 4));
    }

    [Fact]
    public async Task SwitchesACoilOnAndOff()
    {
        await using var client = Client();

        await client.WriteSingleCoilAsync(1, 9, true);
        var on = await client.ReadCoilsAsync(1, 8, 3);
        await client.WriteSingleCoilAsync(1, 9, false);
        var off = await client.ReadCoilsAsync(1, 8, 3);

        Assert.Equal([false, true, false], on);
        Assert.Equal([false, false, false], off);
    }

    [Fact]
    public async Task AnAddressBeyondTheMapIsAnIllegalAddressExceptionAndTheConnectionStaysUsable()
    {
        await using var client = Client();

        var error = await Assert.ThrowsAsync<ModbusException>(() => client.ReadHoldingRegistersAsync(1, 190, 20));

        Assert.Equal(2, error.ExceptionCode);
        Assert.Contains("illegal data address", error.Message, StringComparison.Ordinal);
        Assert.Equal([1000], await client.ReadHoldingRegistersAsync(1, 0, 1));
    }

    [Fact]
    public async Task ReadsAndWritesBeyondTheProtocolLimitsAreRefusedBeforeAnythingIsSent()
    {
        await using var client = Client();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ReadHoldingRegistersAsync(1, 0, 126));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.WriteMultipleRegistersAsync(1, 0, new ushort[124]));
        Assert.Equal([1000], await client.ReadHoldingRegistersAsync(1, 0, 1));
    }

    [Fact]
    public async Task AServerThatGoesAwayIsReportedAndTheNextRequestReconnects()
    {
        await using var client = Client();
        Assert.Equal([1000], await client.ReadHoldingRegistersAsync(1, 0, 1));
        _server.Dispose();

        await Assert.ThrowsAsync<ModbusProtocolException>(() => client.ReadHoldingRegistersAsync(1, 0, 1));

        using var restarted = new PeerProcess("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "Peers", "modbus_server.py"), _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], _server.Port);
        Assert.Equal([1000], await client.ReadHoldingRegistersAsync(1, 0, 1));
    }

    public void Dispose() => _server.Dispose();
}
