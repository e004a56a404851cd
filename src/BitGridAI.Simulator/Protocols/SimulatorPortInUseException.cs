namespace BitGridAI.Simulator.Protocols;

/// <summary>A simulator server could not bind its port: names the port and what it was for, so a startup error says which setting to change.</summary>
public sealed class SimulatorPortInUseException(string host, int port, string purpose, Exception inner)
    : Exception($"{host}:{port} is already in use; it was to serve {purpose}. Free the port or choose another one (0 = any free port).", inner)
{
    public int Port { get; } = port;

    public string Purpose { get; } = purpose;
}
