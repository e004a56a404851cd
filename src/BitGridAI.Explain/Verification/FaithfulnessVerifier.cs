using System.Globalization;
using System.Text.RegularExpressions;
using BitGridAI.Domain.Decisions;
using BitGridAI.Explain.Templates;
using BitGridAI.Explain.Text;

namespace BitGridAI.Explain.Verification;

/// <summary>
/// Checks a text against the decision it claims to explain, so that no rephrasing (or template bug) can show a
/// person something the engine did not decide: every number is a fact of the decision, the action words fit what the
/// miner does, and the deciding rule is named.
/// </summary>
public static partial class FaithfulnessVerifier
{
    public static Verdict Check(string text, in Decision decision, DecisionFacts facts, Language language)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(facts);
        return CheckTimes(ref text, facts)
            ?? CheckNumbers(text, facts, language)
            ?? CheckActionWords(text, Outcomes.StateAfter(decision), language)
            ?? CheckRuleNamed(text, decision.Rule, language)
            ?? Verdict.Pass;
    }

    /// <summary>A time in the text must be the lockout's earliest end; it is then taken out so its digits are not read as numbers.</summary>
    private static Verdict? CheckTimes(ref string text, DecisionFacts facts)
    {
        var allowed = facts.LockoutEarliestEnd is { } end ? NumberText.Time(end, facts.Now) : null;
        foreach (Match match in TimePattern().Matches(text))
        {
            if (match.Value != allowed)
            {
                return Verdict.Fail($"the time '{match.Value}' is not a fact of this decision");
            }
        }
        text = TimePattern().Replace(text, " ");
        return null;
    }

    private static Verdict? CheckNumbers(string text, DecisionFacts facts, Language language)
    {
        var pattern = language == Language.German ? GermanNumber() : EnglishNumber();
        foreach (Match match in pattern.Matches(text))
        {
            var number = double.Parse(match.Value.Replace('−', '-').Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!facts.All.Any(f => f.Value is { } v && Units.Displayed(v, f.Unit) == number))
            {
                return Verdict.Fail($"the number '{match.Value}' is not a value of this decision");
            }
        }
        return null;
    }

    private static Verdict? CheckActionWords(string text, EffectiveState state, Language language)
    {
        foreach (var phrase in ActionWords.Forbidden(state, language))
        {
            if (ContainsWords(text, phrase))
            {
                return Verdict.Fail($"'{phrase}' contradicts the decision (the miner is {Describe(state)})");
            }
        }
        return ActionWords.Required(state, language).Any(phrase => ContainsWords(text, phrase))
            ? null
            : Verdict.Fail($"the text does not say what the miner does (it is {Describe(state)})");
    }

    private static Verdict? CheckRuleNamed(string text, RuleId rule, Language language)
    {
        var name = Explainer.TextsOf(language).RuleNames.GetValueOrDefault(rule);
        return Regex.IsMatch(text, $@"\b{rule}\b", RegexOptions.CultureInvariant)
            || (name is not null && text.Contains(name, StringComparison.OrdinalIgnoreCase))
            ? null
            : Verdict.Fail($"the deciding rule ({rule}, {name}) is not named");
    }

    private static bool ContainsWords(string text, string phrase) =>
        Regex.IsMatch(text, $@"(?<![\p{{L}}_]){Regex.Escape(phrase)}(?![\p{{L}}_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static string Describe(EffectiveState state) => state switch
    {
        EffectiveState.FullPower => "running at full power",
        EffectiveState.Throttled => "running throttled",
        EffectiveState.Stopped => "stopped",
        _ => "left as it is",
    };

    [GeneratedRegex(@"(?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} UTC")]
    private static partial Regex TimePattern();

    // A number is not part of a name (R3, v2, STOP_R3_…): no letter, digit or underscore right before it.
    [GeneratedRegex(@"(?<![\p{L}\p{N}_.,])(?:(?<![\p{L}\p{N}])[-−])?\d+(?:\.\d+)?(?![\p{L}_])")]
    private static partial Regex EnglishNumber();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_.,])(?:(?<![\p{L}\p{N}])[-−])?\d+(?:,\d+)?(?![\p{L}_])")]
    private static partial Regex GermanNumber();
}
