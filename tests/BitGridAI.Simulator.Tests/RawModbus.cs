using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace BitGridAI.Simulator.Tests;

/// <summary>An independent Modbus TCP reader for the tests: frames built and replies read byte for byte, nothing shared with the server.</summary>
internal static class RawModbus
{
    public static byte[] Frame(ushort transaction, byte unit, params byte[] pdu)
    {
        var frame = new byte[7 + pdu.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, transaction);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)(1 + pdu.Length));
        frame[6] = unit;
        pdu.CopyTo(frame, 7);
        return frame;
    }

    /// <summary>A read PDU (FC 1, 3 or 4): function, address, count.</summary>
    public static byte[] Read(byte function, ushort address, ushort count) =>
        [function, (byte)(address >> 8), (byte)address, (byte)(count >> 8), (byte)count];

    public static async Task<TcpClient> ConnectAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, port);
        return client;
    }

    /// <summary>One whole reply frame: the 7-byte header, then as many bytes as its length says.</summary>
    public static async Task<byte[]> ReadReplyAsync(NetworkStream stream)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var header = new byte[7];
        await stream.ReadExactlyAsync(header, deadline.Token);
        var body = new byte[BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4)) - 1];
        await stream.ReadExactlyAsync(body, deadline.Token);
        return [.. header, .. body];
    }

    public static async Task<byte[]> ExchangeAsync(int port, byte[] frame)
    {
        using var client = await ConnectAsync(port);
        var stream = client.GetStream();
        await stream.WriteAsync(frame);
        return await ReadReplyAsync(stream);
    }

    /// <summary>True when the server closes the connection (end of stream) within the deadline.</summary>
    public static async Task<bool> ClosedByServerAsync(NetworkStream stream)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            return await stream.ReadAsync(new byte[16], deadline.Token) == 0;
        }
        catch (IOException)
        {
            return true; // reset instead of an orderly close: closed all the same
        }
    }
}
