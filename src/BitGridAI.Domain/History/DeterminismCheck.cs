using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;

namespace BitGridAI.Domain.History;

/// <summary>A decision that came out differently: its block, its miner, the recorded and the replayed code.</summary>
public readonly record struct DecisionDifference(long BlockIndex, string MinerId, DecisionCode Recorded, DecisionCode Replayed);

/// <summary>How many recorded decisions were run through the engine again, and which came out differently.</summary>
public sealed record DeterminismReport(int Checked, IReadOnlyList<DecisionDifference> Mismatches)
{
    public bool Reproduced => Mismatches.Count == 0;
}

/// <summary>
/// Runs every recorded block tick decision's inputs through the engine with the configuration it was decided with
/// (its config hash): the engine is pure, so each must give the recorded code again.
/// </summary>
public static class DeterminismCheck
{
    public static DeterminismReport Run(RecordedHistory history)
    {
        var mismatches = new List<DecisionDifference>();
        var count = 0;
        foreach (var block in history.Blocks)
        {
            if (block.Config is not { } config)
            {
                continue;
            }
            foreach (ref readonly var recorded in block.Decisions.AsSpan())
            {
                var replayed = DecisionEngine.Decide(recorded.State, recorded.Context, config.MinerEngines[recorded.Miner]);
                count++;
                if (replayed.Code != recorded.Code)
                {
                    mismatches.Add(new DecisionDifference(block.BlockIndex, config.Miners[recorded.Miner].Id, recorded.Code, replayed.Code));
                }
            }
        }
        return new DeterminismReport(count, mismatches);
    }
}
