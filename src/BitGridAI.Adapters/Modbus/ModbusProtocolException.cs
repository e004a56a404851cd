namespace BitGridAI.Adapters.Modbus;

/// <summary>A reply that breaks the protocol (wrong transaction, unit or function, bad length), a timeout, or a lost connection. The connection is dropped.</summary>
public sealed class ModbusProtocolException : Exception
{
    public ModbusProtocolException(string message) : base(message)
    {
    }

    public ModbusProtocolException(string message, Exception inner) : base(message, inner)
    {
    }
}
