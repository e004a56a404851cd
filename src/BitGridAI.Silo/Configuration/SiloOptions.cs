namespace BitGridAI.Silo.Configuration;

/// <summary>Where the silo keeps its data and how it runs its clock. Section <c>Silo</c>.</summary>
public sealed class SiloOptions
{
    public const string Section = "Silo";

    /// <summary>Every database, the simulated clock and the logs live here. Default <c>./data</c>.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>Part of every stored state's key: keep it fixed, or the silo starts from scratch.</summary>
    public string ServiceId { get; set; } = "bitgrid";

    public string ClusterId { get; set; } = "standalone";

    /// <summary>Site time runs this many times faster than real time (60: a 10-minute block every 10 s). 1–3600.</summary>
    public double Speed { get; set; } = 60;

    /// <summary>Site time at the very first start; later starts resume from the stored simulated clock.</summary>
    public DateTimeOffset SimulationStart { get; set; } = new(2026, 6, 21, 5, 0, 0, TimeSpan.Zero);

    /// <summary>Silo-to-silo and gateway ports on 127.0.0.1 (standalone).</summary>
    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;
}
