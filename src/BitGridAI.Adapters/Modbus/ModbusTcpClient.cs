using System.Buffers.Binary;
using System.Net.Sockets;

namespace BitGridAI.Adapters.Modbus;

/// <summary>
/// A small, strict Modbus TCP client: FC 1, 3, 4, 5, 6 and 16. One request in flight per connection;
/// frames read exactly (7-byte MBAP header, then its length), every reply checked for transaction id,
/// protocol id, unit id and function code. After a timeout or a framing error the connection is dropped
/// and the next request reconnects, so a late reply is never taken for the answer to the next request.
/// Addresses are 0-based, as on the wire.
/// </summary>
public sealed class ModbusTcpClient(string host, int port, TimeSpan timeout) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TcpClient? _tcp;
    private NetworkStream? _stream;
    private ushort _transaction;
    private int _disposed;

    public Task<ushort[]> ReadHoldingRegistersAsync(byte unit, ushort address, ushort count, CancellationToken cancellationToken = default) =>
        RequestAsync(unit, 3, ReadPdu(address, count, ModbusLimits.MaxReadRegisters), reply => Registers(reply, count), cancellationToken);

    public Task<ushort[]> ReadInputRegistersAsync(byte unit, ushort address, ushort count, CancellationToken cancellationToken = default) =>
        RequestAsync(unit, 4, ReadPdu(address, count, ModbusLimits.MaxReadRegisters), reply => Registers(reply, count), cancellationToken);

    public Task<bool[]> ReadCoilsAsync(byte unit, ushort address, ushort count, CancellationToken cancellationToken = default) =>
        RequestAsync(unit, 1, ReadPdu(address, count, ModbusLimits.MaxReadCoils), reply =>
        {
            if (reply.Length < 1 || reply[0] != (count + 7) / 8 || reply.Length != 1 + reply[0])
            {
                throw Broken($"coil reply has {reply.Length - 1} data bytes for {count} coils");
            }
            return (bool[])[.. Enumerable.Range(0, count).Select(i => (reply[1 + (i / 8)] & (1 << (i % 8))) != 0)];
        }, cancellationToken);

    public async Task WriteSingleCoilAsync(byte unit, ushort address, bool on, CancellationToken cancellationToken = default)
    {
        var pdu = new byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(pdu, address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(2), on ? (ushort)0xFF00 : (ushort)0x0000);
        await RequestAsync(unit, 5, pdu, reply => ExpectEcho(reply, pdu), cancellationToken);
    }

    public async Task WriteSingleRegisterAsync(byte unit, ushort address, ushort value, CancellationToken cancellationToken = default)
    {
        var pdu = new byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(pdu, address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(2), value);
        await RequestAsync(unit, 6, pdu, reply => ExpectEcho(reply, pdu), cancellationToken);
    }

    public async Task WriteMultipleRegistersAsync(byte unit, ushort address, IReadOnlyList<ushort> values, CancellationToken cancellationToken = default)
    {
        if (values.Count is < 1 or > ModbusLimits.MaxWriteRegisters)
        {
            throw new ArgumentOutOfRangeException(nameof(values), values.Count, $"FC 16 writes 1 to {ModbusLimits.MaxWriteRegisters} registers");
        }
        var pdu = new byte[5 + (2 * values.Count)];
        BinaryPrimitives.WriteUInt16BigEndian(pdu, address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(2), (ushort)values.Count);
        pdu[4] = (byte)(2 * values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(5 + (2 * i)), values[i]);
        }
        var echo = pdu.AsSpan(0, 4).ToArray();
        await RequestAsync(unit, 16, pdu, reply => ExpectEcho(reply, echo), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return; // shared by several devices: each owner may close it
        }
        await _gate.WaitAsync();
        Drop();
        _gate.Release();
        _gate.Dispose();
    }

    /// <summary>
    /// Sends one request and decodes the reply's data after the function code with <paramref name="decode"/>,
    /// all under the gate: devices on one host and port share this connection, so a reply that does not fit
    /// drops the connection before the next device's request can use it.
    /// </summary>
    private async Task<T> RequestAsync<T>(byte unit, byte function, byte[] pdu, Func<byte[], T> decode, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var stream = await ConnectAsync(deadline.Token);
            var transaction = ++_transaction;
            var frame = new byte[8 + pdu.Length];
            BinaryPrimitives.WriteUInt16BigEndian(frame, transaction);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)(2 + pdu.Length));
            frame[6] = unit;
            frame[7] = function;
            pdu.CopyTo(frame, 8);
            await stream.WriteAsync(frame, deadline.Token);

            var header = new byte[7];
            await stream.ReadExactlyAsync(header, deadline.Token);
            var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4));
            if (length is < 2 or > 254)
            {
                throw Broken($"reply length {length} is not a Modbus frame");
            }
            var body = new byte[length - 1];
            await stream.ReadExactlyAsync(body, deadline.Token);
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > timeout)
            {
                // The cancellation timer can fire late on a busy machine; a reply after the deadline is still no answer.
                throw new OperationCanceledException();
            }

            if (BinaryPrimitives.ReadUInt16BigEndian(header) != transaction) throw Broken($"reply to transaction {BinaryPrimitives.ReadUInt16BigEndian(header)}, expected {transaction}");
            if (BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)) != 0) throw Broken("reply protocol id is not 0");
            if (header[6] != unit) throw Broken($"reply from unit {header[6]}, expected {unit}");
            if (body[0] == (function | 0x80))
            {
                throw new ModbusException(function, body.Length > 1 ? body[1] : (byte)0);
            }
            if (body[0] != function) throw Broken($"reply function {body[0]}, expected {function}");
            return decode(body[1..]);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Drop();
            throw new ModbusProtocolException($"{host}:{port} did not answer function {function} within {timeout.TotalMilliseconds:F0} ms") { IsTimeout = true };
        }
        catch (OperationCanceledException)
        {
            // The caller gave up (a STOP's deadline, a deactivation): a late reply may still come on this
            // connection, and the next request must not take it for its answer.
            Drop();
            throw;
        }
        catch (Exception e) when (e is IOException or SocketException or EndOfStreamException)
        {
            Drop();
            throw new ModbusProtocolException($"{host}:{port}: {e.Message}", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<NetworkStream> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_stream is not null && _tcp is { Connected: true })
        {
            if (!_tcp.Client.Poll(0, SelectMode.SelectRead))
            {
                return _stream;
            }
            // An idle connection that is readable was closed by the device (it restarted) or holds a late
            // reply: neither may answer the next request. It is reset rather than closed, so the device's
            // port is not left in TIME_WAIT, which would keep a restarting server from binding it again.
            _tcp.Client.Close(0);
        }
        Drop();
        _tcp = new TcpClient { NoDelay = true };
        await _tcp.ConnectAsync(host, port, cancellationToken);
        _stream = _tcp.GetStream();
        return _stream;
    }

    private void Drop()
    {
        _stream?.Dispose();
        _tcp?.Dispose();
        _stream = null;
        _tcp = null;
    }

    /// <summary>A framing error drops the connection: whatever else is in flight on it can no longer be trusted.</summary>
    private ModbusProtocolException Broken(string message)
    {
        Drop();
        return new ModbusProtocolException($"{host}:{port}: {message}");
    }

    private static byte[] ReadPdu(ushort address, ushort count, int max)
    {
        if (count < 1 || count > max)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"a read takes 1 to {max}");
        }
        var pdu = new byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(pdu, address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(2), count);
        return pdu;
    }

    private ushort[] Registers(byte[] reply, ushort count)
    {
        if (reply.Length < 1 || reply[0] != 2 * count || reply.Length != 1 + reply[0])
        {
            throw Broken($"register reply has {reply.Length - 1} data bytes for {count} registers");
        }
        return [.. Enumerable.Range(0, count).Select(i => BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(1 + (2 * i))))];
    }

    private bool ExpectEcho(byte[] reply, byte[] expected) =>
        reply.AsSpan(0, Math.Min(reply.Length, expected.Length)).SequenceEqual(expected) && reply.Length >= expected.Length
            ? true
            : throw Broken("write reply does not echo the request");
}
