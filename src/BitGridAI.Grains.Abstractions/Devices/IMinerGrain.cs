using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Devices;

/// <summary>A miner: provides chip temperature in °C and power in W; carries out decisions through its port.</summary>
public interface IMinerGrain : IDeviceGrain
{
    /// <summary>Carries out a decision: sends a command only when it changes what the miner does.</summary>
    Task ApplyAsync(DecisionRecord decision);

    /// <summary>What was last commanded and what the miner reported.</summary>
    Task<MinerState> GetMinerStateAsync();
}
