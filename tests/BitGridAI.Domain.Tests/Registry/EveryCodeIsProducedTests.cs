using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Tests.Continuity;
using BitGridAI.Domain.Tests.Rules;

namespace BitGridAI.Domain.Tests.Registry;

/// <summary>Every registered code is reached by at least one row of the rule tables: no code is dead, none untested.</summary>
public sealed class EveryCodeIsProducedTests
{
    private static IEnumerable<Case> AllRows() =>
        new[]
        {
            R3SafetyTests.Rows, LockoutTests.Rows, OverrideTests.Rows, ManualAndSemiTests.Rows, DataQualityTests.Rows,
            R1SurplusTests.Rows, R1SocBandTests.Rows, R2AutarkyTests.Rows, R4ForecastTests.Rows, R5StabilityTests.Rows,
        }.SelectMany(table => ((IEnumerable<object[]>)table).Select(row => (Case)row[0]));

    [Fact]
    public void EveryRegisteredCodeIsProducedByARuleTableRow()
    {
        var produced = AllRows().Select(row => row.Site.Decide().Code)
            .Append(DeadMansSwitchTests.Expired().Code)
            .ToHashSet();

        var neverProduced = DecisionCodes.All.Select(i => i.Code).Where(c => !produced.Contains(c)).ToList();

        Assert.True(neverProduced.Count == 0, "never produced: " + string.Join(", ", neverProduced));
        Assert.Subset(DecisionCodes.All.Select(i => i.Code).ToHashSet(), produced);
    }

    [Fact]
    public void EveryRowProducesTheCodeItExpects()
    {
        var wrong = AllRows().Where(row => row.Site.Decide().Code != row.Expected).Select(row => row.ToString()).ToList();

        Assert.Empty(wrong);
    }
}
