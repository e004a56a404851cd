namespace BitGridAI.Simulator.Protocols;

/// <summary>A Modbus exception code a unit answers with; <see cref="None"/> is success.</summary>
public enum ModbusError : byte
{
    None = 0,
    IllegalFunction = 1,
    IllegalDataAddress = 2,
    IllegalDataValue = 3,
    ServerDeviceFailure = 4,

    /// <summary>What a gateway answers for a unit id behind it that does not respond; the server's answer for unknown units.</summary>
    GatewayTargetFailedToRespond = 0x0B,
}
