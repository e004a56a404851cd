using BitGridAI.Domain.Config;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Tests.Rules;

namespace BitGridAI.Domain.Tests.Properties;

/// <summary>The engine decides without allocating: replay runs half a million blocks and the safety path runs every second.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void DecidesWithoutAllocatingOnEveryPathOfTheRuleTables()
    {
        var rows = RuleTables.AllRows().ToArray();
        var states = rows.Select(r => r.Site.State).ToArray();
        var contexts = rows.Select(r => r.Site.Context).ToArray();
        var configs = rows.Select(r => r.Site.Config).ToArray();
        Assert.True(rows.Length > 100);

        var warmUp = Decide(states, contexts, configs, rounds: 50);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var measured = Decide(states, contexts, configs, rounds: 200);
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(before, after);
        Assert.Equal(warmUp * 4, measured);
    }

    /// <summary>Sums the codes so the calls cannot be optimised away, and so both runs can be compared.</summary>
    private static long Decide(EnergyState[] states, DecisionContext[] contexts, EngineConfig[] configs, int rounds)
    {
        long sum = 0;
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < states.Length; i++)
            {
                sum += (long)DecisionEngine.Decide(states[i], contexts[i], configs[i]).Code;
            }
        }
        return sum;
    }
}
