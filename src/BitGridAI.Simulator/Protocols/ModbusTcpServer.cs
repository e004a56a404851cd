using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using BitGridAI.Adapters.Modbus;

namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// A small Modbus TCP server: FC 1, 3, 4, 5, 6 and 16 answered from one <see cref="IModbusUnit"/> per unit id.
/// Frames are read exactly (the 7-byte MBAP header, then its length − 1 bytes), so requests split over several
/// TCP reads or merged into one are both handled; requests pipelined on one connection are answered in order;
/// every connection is served on its own. Exceptions: 1 for an unsupported function, 2 for addresses outside
/// the unit's map, 3 for a count of 0 or above the protocol limits, a malformed PDU or a coil value other than
/// FF00/0000. A unit id with nothing behind it gets exception 0x0B (gateway target failed to respond), the
/// answer a Modbus TCP gateway gives, so a client fails at once instead of waiting for its timeout. A frame
/// that is not Modbus (protocol id ≠ 0, impossible length) closes that connection only.
/// </summary>
public sealed class ModbusTcpServer : IAsyncDisposable
{
    private const int HeaderLength = 7;

    // MBAP length counts the unit byte and the PDU; a PDU is at most 253 bytes.
    private const int MaxFrameLength = 254;

    private readonly IReadOnlyDictionary<byte, IModbusUnit> _units;
    private readonly LoopbackTcpService _service;

    private ModbusTcpServer(IPAddress address, int port, IReadOnlyDictionary<byte, IModbusUnit> units, string purpose)
    {
        _units = units;
        _service = new LoopbackTcpService(address, port, purpose, ServeAsync);
    }

    /// <summary>The bound port.</summary>
    public int Port => _service.Port;

    /// <summary>TCP connections accepted so far.</summary>
    public long AcceptedConnections => _service.Accepted;

    /// <summary>Binds and starts serving; port 0 picks a free port. A taken port is a <see cref="SimulatorPortInUseException"/> naming <paramref name="purpose"/>.</summary>
    public static ModbusTcpServer Start(IPAddress address, int port, IReadOnlyDictionary<byte, IModbusUnit> units, string purpose)
    {
        var server = new ModbusTcpServer(address, port, units, purpose);
        server._service.Listen();
        return server;
    }

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        var header = new byte[HeaderLength];
        while (true)
        {
            var read = await stream.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, cancellationToken);
            if (read < HeaderLength)
            {
                return; // the client closed (or closed mid-header): nothing to answer
            }
            var protocol = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
            var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4));
            if (protocol != 0 || length is < 2 or > MaxFrameLength)
            {
                return; // not Modbus TCP: the stream cannot be resynchronised, so this connection ends
            }
            var pdu = new byte[length - 1];
            await stream.ReadExactlyAsync(pdu, cancellationToken);

            var reply = Answer(header[6], pdu);
            var frame = new byte[HeaderLength + reply.Length];
            header.AsSpan(0, 4).CopyTo(frame); // transaction id echoed, protocol id 0
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)(1 + reply.Length));
            frame[6] = header[6];
            reply.CopyTo(frame, HeaderLength);
            await stream.WriteAsync(frame, cancellationToken);
        }
    }

    /// <summary>The reply PDU for one request PDU (function code first).</summary>
    private byte[] Answer(byte unitId, byte[] pdu)
    {
        var function = pdu[0];
        if (!_units.TryGetValue(unitId, out var unit))
        {
            return Exception(function, ModbusError.GatewayTargetFailedToRespond);
        }
        return function switch
        {
            1 => ReadCoils(unit, pdu),
            3 or 4 => ReadRegisters(unit, pdu, function),
            5 => WriteCoil(unit, pdu),
            6 => WriteRegister(unit, pdu),
            16 => WriteRegisters(unit, pdu),
            _ => Exception(function, ModbusError.IllegalFunction),
        };
    }

    private static byte[] ReadRegisters(IModbusUnit unit, byte[] pdu, byte function)
    {
        if (pdu.Length != 5 || Word(pdu, 3) is 0 or > ModbusLimits.MaxReadRegisters)
        {
            return Exception(function, ModbusError.IllegalDataValue);
        }
        var (address, count) = (Word(pdu, 1), Word(pdu, 3));
        var values = new ushort[count];
        var error = address + count > 0x10000
            ? ModbusError.IllegalDataAddress
            : function == 3 ? unit.ReadHoldingRegisters(address, values) : unit.ReadInputRegisters(address, values);
        if (error != ModbusError.None)
        {
            return Exception(function, error);
        }
        var reply = new byte[2 + (2 * count)];
        reply[0] = function;
        reply[1] = (byte)(2 * count);
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(2 + (2 * i)), values[i]);
        }
        return reply;
    }

    private static byte[] ReadCoils(IModbusUnit unit, byte[] pdu)
    {
        if (pdu.Length != 5 || Word(pdu, 3) is 0 or > ModbusLimits.MaxReadCoils)
        {
            return Exception(1, ModbusError.IllegalDataValue);
        }
        var (address, count) = (Word(pdu, 1), Word(pdu, 3));
        var coils = new bool[count];
        var error = address + count > 0x10000 ? ModbusError.IllegalDataAddress : unit.ReadCoils(address, coils);
        if (error != ModbusError.None)
        {
            return Exception(1, error);
        }
        var reply = new byte[2 + ((count + 7) / 8)];
        reply[0] = 1;
        reply[1] = (byte)((count + 7) / 8);
        for (var i = 0; i < count; i++)
        {
            if (coils[i])
            {
                reply[2 + (i / 8)] |= (byte)(1 << (i % 8));
            }
        }
        return reply;
    }

    private static byte[] WriteCoil(IModbusUnit unit, byte[] pdu)
    {
        if (pdu.Length != 5 || Word(pdu, 3) is not (0xFF00 or 0x0000))
        {
            return Exception(5, ModbusError.IllegalDataValue);
        }
        var error = unit.WriteCoil(Word(pdu, 1), Word(pdu, 3) == 0xFF00);
        return error == ModbusError.None ? pdu : Exception(5, error);
    }

    private static byte[] WriteRegister(IModbusUnit unit, byte[] pdu)
    {
        if (pdu.Length != 5)
        {
            return Exception(6, ModbusError.IllegalDataValue);
        }
        var error = unit.WriteRegisters(Word(pdu, 1), [Word(pdu, 3)]);
        return error == ModbusError.None ? pdu : Exception(6, error);
    }

    private static byte[] WriteRegisters(IModbusUnit unit, byte[] pdu)
    {
        if (pdu.Length < 6 || Word(pdu, 3) is 0 or > ModbusLimits.MaxWriteRegisters || pdu[5] != 2 * Word(pdu, 3) || pdu.Length != 6 + pdu[5])
        {
            return Exception(16, ModbusError.IllegalDataValue);
        }
        var (address, count) = (Word(pdu, 1), Word(pdu, 3));
        var values = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = Word(pdu, 6 + (2 * i));
        }
        var error = address + count > 0x10000 ? ModbusError.IllegalDataAddress : unit.WriteRegisters(address, values);
        return error == ModbusError.None ? pdu[..5] : Exception(16, error);
    }

    private static ushort Word(byte[] pdu, int at) => BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(at));

    private static byte[] Exception(byte function, ModbusError error) => [(byte)(function | 0x80), (byte)error];
}
