using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using BitGridAI.Adapters.Modbus;
using CsCheck;

namespace BitGridAI.Adapters.Tests;

/// <summary>
/// The Modbus TCP client against a loopback server that answers each request with a mutated reply: the
/// client returns the registers or throws <see cref="ModbusException"/> / <see cref="ModbusProtocolException"/>,
/// nothing else, and the next request after a broken reply is answered correctly again.
/// </summary>
public sealed class ModbusReplyPropertyTests : IAsyncDisposable
{
    private const byte Unit = 1;
    private const ushort Count = 3;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private Func<ushort, byte[]> _reply = Valid;

    public ModbusReplyPropertyTests()
    {
        _listener.Start();
        _serving = ServeAsync();
    }

    [Fact]
    public async Task AnyReplyIsRegistersOrAModbusError()
    {
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        await using var client = new ModbusTcpClient("127.0.0.1", port, TimeSpan.FromSeconds(5));
        var mutated = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 255], Gen.Int[0, 300]).Array[1, 4];

        await Gen.Frequency((1, Gen.Byte.Array[0, 40].Select(b => (Func<ushort, byte[]>)(_ => b))), (4, mutated.Select(m => (Func<ushort, byte[]>)(t => Mutate(Valid(t), m)))))
            .SampleAsync(async reply =>
            {
                _reply = reply;
                try
                {
                    var registers = await client.ReadHoldingRegistersAsync(Unit, 0, Count);
                    Assert.Equal(Count, registers.Length);
                }
                catch (Exception e) when (e is ModbusException or ModbusProtocolException)
                {
                    // a counted device failure; the connection was dropped if the framing was broken
                }
            }, iter: 400, threads: 1);

        _reply = Valid;
        await using var after = new ModbusTcpClient("127.0.0.1", port, TimeSpan.FromSeconds(5));
        Assert.Equal([0x0102, 0x0304, 0x0506], await after.ReadHoldingRegistersAsync(Unit, 0, Count));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private static byte[] Valid(ushort transaction)
    {
        byte[] frame = [0, 0, 0, 0, 0, 9, Unit, 3, 6, 1, 2, 3, 4, 5, 6];
        BinaryPrimitives.WriteUInt16BigEndian(frame, transaction);
        return frame;
    }

    /// <summary>Changes a header or body byte, cuts the frame, or pads it with extra bytes.</summary>
    private static byte[] Mutate(byte[] frame, (int Op, int Value, int At)[] mutations)
    {
        foreach (var (op, value, at) in mutations)
        {
            var i = at % frame.Length;
            frame = op switch
            {
                0 or 1 => Set(frame, i, (byte)value),
                2 => frame[..i],
                3 => [.. frame, .. Enumerable.Repeat((byte)value, at % 40)],
                _ => Set(frame, Math.Min(5, frame.Length - 1), (byte)value), // the MBAP length, the field a parser trusts most
            };
            if (frame.Length == 0)
            {
                break;
            }
        }
        return frame;
    }

    private static byte[] Set(byte[] frame, int i, byte value)
    {
        var copy = (byte[])frame.Clone();
        copy[i] = value;
        return copy;
    }

    /// <summary>Answers one request per connection and closes it, so a short reply ends at once rather than at the timeout.</summary>
    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var socket = await _listener.AcceptSocketAsync(_stop.Token);
            var request = new byte[12];
            var read = 0;
            while (read < request.Length)
            {
                var n = await socket.ReceiveAsync(request.AsMemory(read), _stop.Token);
                if (n == 0)
                {
                    break;
                }
                read += n;
            }
            if (read == request.Length)
            {
                await socket.SendAsync(_reply(BinaryPrimitives.ReadUInt16BigEndian(request)), _stop.Token);
            }
            socket.Shutdown(SocketShutdown.Both);
        }
    }
}
