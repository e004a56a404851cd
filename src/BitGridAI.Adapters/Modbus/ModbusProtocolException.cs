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

    /// <summary>The device did not answer in time (rather than answering wrongly or dropping the connection).</summary>
    public bool IsTimeout { get; init; }
}
