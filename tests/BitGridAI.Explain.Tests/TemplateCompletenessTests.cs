using System.Text.RegularExpressions;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Explain.Templates;

namespace BitGridAI.Explain.Tests;

/// <summary>A missing text is a failing test here, never a blank line in front of a user.</summary>
public sealed partial class TemplateCompletenessTests
{
    public static TheoryData<Language> Languages => new(Enum.GetValues<Language>());

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_code_of_the_registry_has_every_part_for_every_persona(Language language)
    {
        var texts = Explainer.TextsOf(language);
        var missing = (
            from info in DecisionCodes.All
            from persona in Enum.GetValues<Persona>()
            from part in Enum.GetValues<TextPart>()
            where string.IsNullOrWhiteSpace(texts.Template(info.Code, part, persona))
            select $"{info.Name}/{part}/{persona}").ToList();

        Assert.Empty(missing);
        Assert.All(DecisionCodes.All, info => Assert.NotEmpty(CodeOptions.For(info.Code)));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_placeholder_names_a_param_its_code_reports(Language language)
    {
        var wrong = (
            from entry in Explainer.TextsOf(language).Codes
            from Match placeholder in Placeholder().Matches(entry.Value)
            let name = placeholder.Groups[1].Value
            where name != "missing" && DecisionCodes.Info(entry.Key.Code).Params.All(p => p.Name != name)
            select $"{entry.Key.Code}/{entry.Key.Part}: {{{name}}}").ToList();

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_param_signal_and_config_key_has_a_label(Language language)
    {
        var texts = Explainer.TextsOf(language);
        var names = DecisionCodes.All.SelectMany(i => i.Params).Select(p => p.Name)
            .Concat(SignalInfo.All.Select(SignalInfo.Name))
            .Concat(ConfigKeys.Numeric.Select(k => k.Name))
            .Distinct();

        Assert.DoesNotContain(names, n => !texts.Labels.ContainsKey(n));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_rule_outcome_effect_and_option_has_a_text(Language language)
    {
        var texts = Explainer.TextsOf(language);

        Assert.DoesNotContain(Enum.GetValues<RuleId>(), r => r != RuleId.Unknown && !texts.RuleNames.ContainsKey(r));
        Assert.DoesNotContain(Enum.GetValues<Outcome>(), o => !texts.Outcomes.ContainsKey(o));
        // A threshold option is written from the threshold's label (Phrases.ChangeThreshold), not from this table.
        Assert.DoesNotContain(Enum.GetValues<OptionKind>(), o => o != OptionKind.ChangeThreshold && !texts.Options.ContainsKey(o));
        var effects = from state in Enum.GetValues<EffectiveState>()
                      from persona in new[] { Persona.Energy, Persona.Heat }
                      where !texts.Effects.ContainsKey((state, persona))
                      select (state, persona);
        Assert.Empty(effects);
    }

    [Fact]
    public void German_and_English_tables_have_the_same_keys()
    {
        Assert.Equal(EnglishTexts.Table.Codes.Keys.OrderBy(k => k.ToString()), GermanTexts.Table.Codes.Keys.OrderBy(k => k.ToString()));
        Assert.Equal(EnglishTexts.Table.Labels.Keys.Order(), GermanTexts.Table.Labels.Keys.Order());
    }

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();
}
