using BitGridAI.Domain.Signals;

namespace BitGridAI.Adapters.Drivers;

/// <summary>One value a device reported in a poll, not yet stamped: <see cref="DriverPorts"/> stamps a poll's readings when its reply is in.</summary>
public readonly record struct Reading(Signal Signal, double Value);
