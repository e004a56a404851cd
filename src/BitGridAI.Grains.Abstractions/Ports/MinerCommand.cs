using BitGridAI.Domain.Decisions;

namespace BitGridAI.Grains.Abstractions.Ports;

/// <summary>A command to a miner: run (in a mode) or stop. The id makes a repeated command recognisable.</summary>
public sealed record MinerCommand(string CommandId, ActuatorState Action, MinerMode Mode);
