using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Tests.Continuity;
using BitGridAI.Domain.Tests.Rules;

namespace BitGridAI.Domain.Tests.Registry;

/// <summary>Every registered code is reached by at least one row of the rule tables: no code is dead, none untested.</summary>
public sealed class EveryCodeIsProducedTests
{
    [Fact]
    public void EveryRegisteredCodeIsProducedByARuleTableRow()
    {
        var produced = RuleTables.AllRows().Select(row => row.Site.Decide().Code)
            .Append(DeadMansSwitchTests.Expired().Code)
            .ToHashSet();

        var neverProduced = DecisionCodes.All.Select(i => i.Code).Where(c => !produced.Contains(c)).ToList();

        Assert.True(neverProduced.Count == 0, "never produced: " + string.Join(", ", neverProduced));
        Assert.Subset(DecisionCodes.All.Select(i => i.Code).ToHashSet(), produced);
    }

    [Fact]
    public void EveryRowProducesTheCodeItExpects()
    {
        var wrong = RuleTables.AllRows().Where(row => row.Site.Decide().Code != row.Expected).Select(row => row.ToString()).ToList();

        Assert.Empty(wrong);
    }
}
