namespace BitGridAI.Simulator;

/// <summary>The names of the miner firmware APIs the simulator can serve (<see cref="SimulatedMinerOptions.Api"/>).</summary>
public static class MinerApis
{
    /// <summary>The cgminer family's TCP API (Avalon, bmminer, LuxOS), one request per connection.</summary>
    public const string Cgminer = "cgminer";

    /// <summary>Bitaxe AxeOS over HTTP/1.1.</summary>
    public const string AxeOs = "axeos";
}
