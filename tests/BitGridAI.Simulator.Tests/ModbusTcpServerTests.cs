using System.Net;
using BitGridAI.Adapters.Modbus;
using BitGridAI.Simulator.Protocols;

namespace BitGridAI.Simulator.Tests;

/// <summary>The simulator's own Modbus TCP server on a plain register bank: functions, framing and robustness.</summary>
public sealed class ModbusTcpServerTests : IAsyncLifetime
{
    private const byte Unit = 7;
    private readonly ModbusRegisterBank _bank = new(registerStart: 100, registerCount: 10, coilStart: 0, coilCount: 16);
    private ModbusTcpServer _server = null!;

    public Task InitializeAsync()
    {
        _server = ModbusTcpServer.Start(IPAddress.Loopback, 0, new Dictionary<byte, IModbusUnit> { [Unit] = _bank }, "a test bank");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ServesEveryFunctionFromTheBank()
    {
        await using var client = new ModbusTcpClient("127.0.0.1", _server.Port, TimeSpan.FromSeconds(5));

        await client.WriteMultipleRegistersAsync(Unit, 100, [1, 2, 0xFFFF]);
        await client.WriteSingleRegisterAsync(Unit, 109, 0xBEEF);
        await client.WriteSingleCoilAsync(Unit, 3, on: true);
        await client.WriteSingleCoilAsync(Unit, 12, on: true);
        await client.WriteSingleCoilAsync(Unit, 12, on: false);

        Assert.Equal([1, 2, 0xFFFF], await client.ReadHoldingRegistersAsync(Unit, 100, 3));
        Assert.Equal([0, 0xBEEF], await client.ReadInputRegistersAsync(Unit, 108, 2));
        Assert.Equal(0xBEEF, _bank[109]);
        var coils = await client.ReadCoilsAsync(Unit, 0, 16);
        Assert.Equal([3], Enumerable.Range(0, 16).Where(i => coils[i]));
    }

    [Theory]
    [InlineData("read beyond the map", "03 00 6E 00 03", "83 02")]
    [InlineData("read before the map", "03 00 00 00 01", "83 02")]
    [InlineData("126 registers", "03 00 64 00 7E", "83 03")]
    [InlineData("0 registers", "04 00 64 00 00", "84 03")]
    [InlineData("2001 coils", "01 00 00 07 D1", "81 03")]
    [InlineData("coil value not FF00 or 0000", "05 00 01 12 34", "85 03")]
    [InlineData("coil outside the map", "05 00 20 FF 00", "85 02")]
    [InlineData("register write outside the map", "06 00 10 00 01", "86 02")]
    [InlineData("124 registers written", "10 00 64 00 7C F8 00 01", "90 03")]
    [InlineData("byte count not twice the count", "10 00 64 00 02 03 00 01 00 02", "90 03")]
    [InlineData("FC 15 is not served", "0F 00 00 00 01 01 01", "8F 01")]
    [InlineData("FC 43 is not served", "2B 0E 01 00", "AB 01")]
    public async Task BadRequestsGetTheirModbusException(string what, string request, string expected)
    {
        var reply = await RawModbus.ExchangeAsync(_server.Port, RawModbus.Frame(0x1234, Unit, Hex(request)));

        Assert.True(reply.AsSpan(7).SequenceEqual(Hex(expected)), $"{what}: got {Convert.ToHexString(reply, 7, reply.Length - 7)}");
        Assert.Equal([0x12, 0x34, 0, 0, 0, 3, Unit], reply[..7]); // transaction and unit echoed, length 3
    }

    [Fact]
    public async Task AnUnknownUnitGetsGatewayTargetFailedToRespond()
    {
        await using var client = new ModbusTcpClient("127.0.0.1", _server.Port, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<ModbusException>(() => client.ReadHoldingRegistersAsync(9, 100, 1));

        Assert.Equal(0x0B, error.ExceptionCode);
    }

    [Fact]
    public async Task ARequestSentOneByteAtATimeIsAnswered()
    {
        _bank[104] = 4242;
        using var client = await RawModbus.ConnectAsync(_server.Port);
        var stream = client.GetStream();

        var frame = RawModbus.Frame(5, Unit, RawModbus.Read(3, 104, 1));
        for (var i = 0; i < frame.Length; i++)
        {
            await stream.WriteAsync(frame.AsMemory(i, 1));
            if (i < frame.Length - 1)
            {
                // Nothing may come back for part of a frame; the pause also makes the server read each byte on its own.
                Assert.False(client.Client.Poll(TimeSpan.FromMilliseconds(20), System.Net.Sockets.SelectMode.SelectRead), $"a reply after {i + 1} of {frame.Length} bytes");
            }
        }

        Assert.Equal(Hex("00 05 00 00 00 05 07 03 02 10 92"), await RawModbus.ReadReplyAsync(stream));
    }

    [Fact]
    public async Task RequestsMergedIntoOneWriteAreAnsweredInOrder()
    {
        _bank[100] = 1;
        _bank[101] = 2;
        using var client = await RawModbus.ConnectAsync(_server.Port);
        var stream = client.GetStream();

        await stream.WriteAsync((byte[])[.. RawModbus.Frame(1, Unit, RawModbus.Read(3, 101, 1)), .. RawModbus.Frame(2, Unit, RawModbus.Read(3, 100, 1)), .. RawModbus.Frame(3, 99, RawModbus.Read(3, 100, 1))]);

        Assert.Equal(Hex("00 01 00 00 00 05 07 03 02 00 02"), await RawModbus.ReadReplyAsync(stream));
        Assert.Equal(Hex("00 02 00 00 00 05 07 03 02 00 01"), await RawModbus.ReadReplyAsync(stream));
        Assert.Equal(Hex("00 03 00 00 00 03 63 83 0B"), await RawModbus.ReadReplyAsync(stream));
    }

    [Theory]
    [InlineData("protocol id not 0", "00 01 12 34 00 06 07 03 00 64 00 01")]
    [InlineData("length 0", "00 01 00 00 00 00 07")]
    [InlineData("length beyond any Modbus frame", "00 01 00 00 FF FF 07 03")]
    public async Task GarbageClosesThatConnectionAndTheServerServesOthers(string what, string garbage)
    {
        _bank[100] = 77;
        using var bystander = await RawModbus.ConnectAsync(_server.Port);
        using var sender = await RawModbus.ConnectAsync(_server.Port);

        await sender.GetStream().WriteAsync(Hex(garbage));

        Assert.True(await RawModbus.ClosedByServerAsync(sender.GetStream()), what);
        await bystander.GetStream().WriteAsync(RawModbus.Frame(9, Unit, RawModbus.Read(3, 100, 1)));
        Assert.Equal(77, (await RawModbus.ReadReplyAsync(bystander.GetStream()))[^1]);
        await using var newcomer = new ModbusTcpClient("127.0.0.1", _server.Port, TimeSpan.FromSeconds(5));
        Assert.Equal([77], await newcomer.ReadHoldingRegistersAsync(Unit, 100, 1));
    }

    [Fact]
    public async Task SeveralClientsAreServedAtTheSameTime()
    {
        for (ushort i = 0; i < 10; i++)
        {
            _bank[(ushort)(100 + i)] = (ushort)(1000 + i);
        }
        // One client stalls mid-frame: nobody else may wait for it.
        using var staller = await RawModbus.ConnectAsync(_server.Port);
        await staller.GetStream().WriteAsync(Hex("00 01 00 00"));

        var readers = Enumerable.Range(0, 8).Select(async n =>
        {
            await using var client = new ModbusTcpClient("127.0.0.1", _server.Port, TimeSpan.FromSeconds(5));
            for (var k = 0; k < 25; k++)
            {
                var address = (ushort)(100 + ((n + k) % 10));
                Assert.Equal([(ushort)(1000 + ((n + k) % 10))], await client.ReadHoldingRegistersAsync(Unit, address, 1));
            }
        });

        await Task.WhenAll(readers);
    }

    private static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", "", StringComparison.Ordinal));
}
