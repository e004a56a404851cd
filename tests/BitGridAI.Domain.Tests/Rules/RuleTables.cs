namespace BitGridAI.Domain.Tests.Rules;

/// <summary>Every row of every rule table, for checks that look across all of them.</summary>
internal static class RuleTables
{
    public static IEnumerable<Case> AllRows() =>
        new[]
        {
            R3SafetyTests.Rows, LockoutTests.Rows, OverrideTests.Rows, ManualAndSemiTests.Rows, DataQualityTests.Rows,
            R1SurplusTests.Rows, R1SocBandTests.Rows, R2AutarkyTests.Rows, R4ForecastTests.Rows, R5StabilityTests.Rows,
            ComparisonsTests.Rows, FleetShareTests.Rows,
        }.SelectMany(table => ((IEnumerable<object[]>)table).Select(row => (Case)row[0]));
}
