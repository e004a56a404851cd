using BitGridAI.Domain.Decisions;
using BitGridAI.Explain.Text;
using BitGridAI.Explain.Verification;

namespace BitGridAI.Explain.Tests;

/// <summary>
/// Every code × language × persona over many generated evaluations: each explanation passes the verifier. The
/// scenarios reach every code from the rule regions of the engine; each gets a hand-made counterfactual too, so the
/// counterfactual sentences are checked with the rest.
/// </summary>
public sealed class FaithfulnessTests
{
    private const int ScenariosPerCode = 40;

    public static TheoryData<DecisionCode> Codes => new(DecisionCodes.All.Select(i => i.Code));

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_explanation_of_the_code_passes_the_verifier(DecisionCode code)
    {
        var failures = new List<string>();
        var checkedTexts = 0;
        foreach (var scenario in Scenarios.Reaching(code, ScenariosPerCode, seed: (int)code))
        {
            var counterfactuals = HandMade(scenario);
            foreach (var language in Enum.GetValues<Language>())
            {
                foreach (var persona in Enum.GetValues<Persona>())
                {
                    var explanation = Explainer.Explain(scenario.Decision, scenario.State, scenario.Context, scenario.Config,
                        language, persona, counterfactuals);
                    var facts = DecisionFacts.Of(scenario.Decision, scenario.State, scenario.Context, scenario.Config, counterfactuals);
                    var whole = $"{explanation.LongText} {explanation.DataBasis} {string.Join(" ", explanation.Options)}";
                    foreach (var text in new[] { explanation.ShortText, whole })
                    {
                        checkedTexts++;
                        var verdict = FaithfulnessVerifier.Check(text, scenario.Decision, facts, language);
                        if (!verdict.Passed)
                        {
                            failures.Add($"{language}/{persona} {scenario}: {verdict.Problem}\n  {text}");
                        }
                    }
                }
            }
        }

        Assert.Equal(ScenariosPerCode * 2 * 3 * 2, checkedTexts);
        Assert.True(failures.Count == 0, $"{failures.Count} failed, first: {failures.FirstOrDefault()}");
    }

    /// <summary>The same with the counterfactuals the exact search finds (what users see): every text, with their sentences, passes.</summary>
    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_explanation_with_searched_counterfactuals_passes_the_verifier(DecisionCode code)
    {
        var failures = new List<string>();
        foreach (var scenario in Scenarios.Reaching(code, 10, seed: 1000 + (int)code))
        {
            foreach (var language in Enum.GetValues<Language>())
            {
                foreach (var persona in Enum.GetValues<Persona>())
                {
                    var explanation = Explainer.Explain(scenario.Decision, scenario.State, scenario.Context, scenario.Config, language, persona);
                    var facts = DecisionFacts.Of(scenario.Decision, scenario.State, scenario.Context, scenario.Config, explanation.Counterfactuals);
                    var whole = $"{explanation.ShortText} {explanation.LongText} {explanation.DataBasis} {string.Join(" ", explanation.Options)} {explanation.CounterfactualText}";
                    var verdict = FaithfulnessVerifier.Check(whole, scenario.Decision, facts, language);
                    if (!verdict.Passed)
                    {
                        failures.Add($"{language}/{persona} {scenario}: {verdict.Problem}\n  {whole}");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failed, first: {failures.FirstOrDefault()}");
    }

    /// <summary>A counterfactual on the first param the decision reports (a threshold when it is a config key).</summary>
    private static IReadOnlyList<Counterfactual> HandMade(Scenario scenario)
    {
        var facts = DecisionFacts.Of(scenario.Decision, scenario.State, scenario.Context, scenario.Config, []);
        var first = facts.Params.FirstOrDefault(f => f.Value.HasValue);
        if (first is null)
        {
            return [];
        }
        var isThreshold = Domain.Config.ConfigKeys.Find(first.Name) is not null;
        var result = scenario.Decision.Action == DecisionAction.Stop ? DecisionCode.START_R1_SURPLUS_OK : DecisionCode.STOP_R1_SURPLUS_LOST;
        return [new Counterfactual(first.Name, isThreshold, first.Value!.Value, first.Value.Value + 1.25, result.ToString(),
            DecisionCodes.Info(result).Action.ToString().ToUpperInvariant())];
    }
}
