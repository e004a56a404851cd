namespace BitGridAI.Simulator;

/// <summary>
/// The cgminer-family firmwares the simulator can answer as (<see cref="SimulatedMinerOptions.Firmware"/>): they share
/// the TCP API's framing and read commands but not the commands that change a miner, so a driver set to the wrong
/// firmware fails against the simulator as it would against the hardware.
/// </summary>
public static class MinerFirmwares
{
    /// <summary>Canaan Avalon: <c>ascset</c> work modes and soft off/on; reports its power in <c>stats</c>.</summary>
    public const string Avalon = "avalon";

    /// <summary>LuxOS: <c>logon</c> session, <c>curtail</c> sleep/wakeup, <c>profileset</c>; reports its power only through <c>power</c>.</summary>
    public const string LuxOs = "luxos";
}
