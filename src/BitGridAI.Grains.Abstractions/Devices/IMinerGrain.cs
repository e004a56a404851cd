using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Devices;

/// <summary>
/// A miner: provides chip temperature in °C and power in W; carries out decisions through its port and
/// runs the R3 safety path on every sample and on a watchdog, between block ticks.
/// </summary>
public interface IMinerGrain : IDeviceGrain
{
    /// <summary>Carries out a decision: sends a command only when it changes what the miner does.</summary>
    Task ApplyAsync(DecisionRecord decision);

    /// <summary>What was last commanded and what the miner reported.</summary>
    Task<MinerState> GetMinerStateAsync();

    /// <summary>A person's emergency stop: the miner stops at once and stays stopped until a person acknowledges it.</summary>
    Task EmergencyStopAsync(string requestedBy);

    /// <summary>Clears the emergency stop; the lockout still holds until time and temperature allow.</summary>
    Task AcknowledgeEmergencyStopAsync(string requestedBy);
}
