namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>How a device's readings reach its grain. A device speaks only through its own channel.</summary>
public enum TelemetryChannel
{
    /// <summary>Not said (hand-built sites in tests and benchmarks): pushed samples are taken as before.</summary>
    Unknown = 0,

    /// <summary>Read by its driver on the grain's poll: pushed samples are refused, so only the driver sets its readings and contact.</summary>
    Polled = 1,

    /// <summary>Pushed over MQTT: only the signals the device's mapping names are taken.</summary>
    Pushed = 2,
}
