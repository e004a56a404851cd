using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Tests.Continuity;
using BitGridAI.Domain.Tests.Rules;

namespace BitGridAI.Domain.Tests.Registry;

/// <summary>
/// Every registered code that the rules still produce is reached by at least one row of the rule
/// tables, and no row reaches a retired one: no code is dead, none untested.
/// </summary>
public sealed class EveryCodeIsProducedTests
{
    [Fact]
    public void EveryRegisteredCodeIsProducedByARuleTableRow()
    {
        var produced = RuleTables.AllRows().Select(row => row.Site.Decide().Code)
            .Append(DeadMansSwitchTests.Expired().Code)
            .ToHashSet();

        var live = DecisionCodes.All.Where(i => !i.Retired).Select(i => i.Code).ToHashSet();
        var neverProduced = live.Where(c => !produced.Contains(c)).ToList();

        Assert.True(neverProduced.Count == 0, "never produced: " + string.Join(", ", neverProduced));
        Assert.Subset(live, produced);
    }

    [Fact]
    public void EveryRowProducesTheCodeItExpects()
    {
        var wrong = RuleTables.AllRows().Where(row => row.Site.Decide().Code != row.Expected).Select(row => row.ToString()).ToList();

        Assert.Empty(wrong);
    }
}
