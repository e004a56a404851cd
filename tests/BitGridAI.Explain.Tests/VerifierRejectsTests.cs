using BitGridAI.Domain.Decisions;
using BitGridAI.Explain.Text;
using BitGridAI.Explain.Verification;

namespace BitGridAI.Explain.Tests;

/// <summary>The verifier's teeth: a faithful text passes, and each kind of unfaithful edit of it is rejected.</summary>
public sealed class VerifierRejectsTests
{
    private static readonly Scenario Stop = Scenarios.Reaching(DecisionCode.STOP_R3_OVERTEMP, 1, seed: 7)[0];
    private static readonly Scenario KeepsRunning = Scenarios.Reaching(DecisionCode.NOOP_R1_SURPLUS_LOST, 1, seed: 7)[0];

    [Theory]
    [InlineData(Language.English)]
    [InlineData(Language.German)]
    public void The_explainers_own_text_passes(Language language) => Assert.True(Verify(Stop, Text(Stop, language), language).Passed);

    [Fact]
    public void A_wrong_number_is_rejected() =>
        AssertRejected(Stop, "Safety rule: the chips are too hot (99.5 °C, limit 85 °C); the miner stops.", Language.English, "99.5");

    [Fact]
    public void A_german_number_in_english_format_is_not_read_as_the_fact()
    {
        var temp = Stop.State.MinerTempC!.Value;
        var englishFormat = NumberText.Number(temp, Unit.Celsius, Language.English) + "5";

        AssertRejected(Stop, $"Sicherheitsregel: Die Chips sind zu heiß ({englishFormat} °C); der Miner stoppt.", Language.German, "");
    }

    [Fact]
    public void A_stop_that_says_the_miner_starts_is_rejected() =>
        AssertRejected(Stop, "Safety rule: the chips are too hot; the miner starts.", Language.English, "starts");

    [Fact]
    public void A_german_stop_that_says_the_miner_keeps_running_is_rejected() =>
        AssertRejected(Stop, "Sicherheitsregel: die Chips sind zu heiß; der Miner läuft weiter.", Language.German, "läuft");

    [Fact]
    public void A_noop_that_keeps_a_miner_running_must_not_say_it_stopped()
    {
        var text = Text(KeepsRunning, Language.English).Replace("keeps running at full power", "stays stopped", StringComparison.Ordinal)
            .Replace("keeps running throttled", "stays stopped", StringComparison.Ordinal);

        AssertRejected(KeepsRunning, text, Language.English, "stays stopped");
    }

    [Fact]
    public void A_text_that_does_not_say_what_the_miner_does_is_rejected() =>
        AssertRejected(Stop, "Safety rule: the chips are too hot.", Language.English, "does not say");

    [Fact]
    public void A_text_that_does_not_name_the_deciding_rule_is_rejected() =>
        AssertRejected(Stop, "The chips are too hot; the miner stops.", Language.English, "R3");

    [Fact]
    public void A_rule_id_counts_as_naming_the_rule() =>
        Assert.True(Verify(Stop, "R3: the chips are too hot; the miner stops.", Language.English).Passed);

    [Fact]
    public void A_time_that_is_not_the_lockouts_end_is_rejected() =>
        AssertRejected(Stop, "Safety rule: the miner stops until 23:59 UTC.", Language.English, "23:59");

    private static string Text(Scenario s, Language language) =>
        // Without counterfactuals: the facts below hold only the decision's own values, so each test breaks one thing.
        Explainer.Explain(s.Decision, s.State, s.Context, s.Config, language, counterfactuals: []).LongText;

    private static Verdict Verify(Scenario s, string text, Language language) =>
        FaithfulnessVerifier.Check(text, s.Decision, DecisionFacts.Of(s.Decision, s.State, s.Context, s.Config, []), language);

    private static void AssertRejected(Scenario s, string text, Language language, string named)
    {
        var verdict = Verify(s, text, language);
        Assert.False(verdict.Passed, text);
        Assert.Contains(named, verdict.Problem, StringComparison.Ordinal);
    }
}
