using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;
using BitGridAI.Explain.Templates;

namespace BitGridAI.Explain;

/// <summary>Finds the counterfactuals of one evaluation (the signature of the counterfactual search).</summary>
internal delegate IReadOnlyList<Counterfactual> CounterfactualFinder(in EnergyState state, in DecisionContext context, EngineConfig config);

/// <summary>
/// Explains a decision from its code's templates and the values the deciding step compared: in the reader's
/// language, for their persona, with what would have changed it. Pure and deterministic, like the engine.
/// </summary>
public static class Explainer
{
    /// <summary>Where counterfactuals come from when the caller passes none: the exact search over the pure engine.</summary>
    internal static CounterfactualFinder FindCounterfactuals { get; } = Counterfactuals.CounterfactualSearch.Find;

    public static Explanation Explain(in Decision decision, in EnergyState state, in DecisionContext context, EngineConfig config,
        Language language = Language.English, Persona persona = Persona.Energy, IReadOnlyList<Counterfactual>? counterfactuals = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var found = counterfactuals ?? FindCounterfactuals(state, context, config);
        var facts = Text.DecisionFacts.Of(decision, state, context, config, found);
        var writer = new ExplanationWriter(TextsOf(language), persona, decision, state, facts);

        var shortText = writer.Short();
        var trigger = writer.Trigger();
        var effect = writer.Effect();
        // Searched and none found: say so, rather than leave the reader wondering what would change it.
        var counterfactualText = found.Count == 0 && counterfactuals is null
            ? TextsOf(language).Phrases.NothingShortOf
            : string.Join(" ", found.Select(c => DescribeCounterfactual(c, language, persona)));
        var longText = string.Join(" ", new[] { shortText, trigger }.Concat(writer.Circumstances()).Append(effect).Append(counterfactualText)
            .Where(part => part.Length > 0));
        return new Explanation(decision.Info.Name, language, persona, Outcomes.MoodOf(decision.Action), shortText, longText, trigger,
            writer.DataBasis(), effect, writer.Options(), found, counterfactualText, []);
    }

    /// <summary>One counterfactual as a sentence: "If the PV surplus were 1.5 kW instead of 0.9 kW, the miner would run at full power."</summary>
    public static string DescribeCounterfactual(Counterfactual counterfactual, Language language, Persona persona)
    {
        ArgumentNullException.ThrowIfNull(counterfactual);
        var texts = TextsOf(language);
        var phrases = texts.Phrases;
        var unit = Text.Units.Of(counterfactual.Name);
        var name = persona == Persona.Tech ? counterfactual.Name : texts.Labels.GetValueOrDefault(counterfactual.Name) ?? counterfactual.Name;
        var to = Text.NumberText.Quantity(counterfactual.To, unit, language);
        var result = DecisionText.ParseActuator(counterfactual.ResultAction) switch
        {
            ActuatorState.Start => phrases.WouldRunFull,
            ActuatorState.Throttle => phrases.WouldRunThrottled,
            ActuatorState.Stop => phrases.WouldStop,
            _ => phrases.WouldWait,
        };
        if (persona == Persona.Tech)
        {
            result += $" ({counterfactual.ResultCode})";
        }
        if (!double.IsFinite(counterfactual.From))
        {
            return string.Format(null, phrases.CounterfactualWasMissing, name, to, result);
        }
        var from = Text.NumberText.Quantity(counterfactual.From, unit, language);
        var template = counterfactual.IsThreshold ? phrases.CounterfactualThreshold : phrases.CounterfactualSignal;
        return string.Format(null, template, name, to, from, result);
    }

    internal static LanguageTexts TextsOf(Language language) => language == Language.German ? GermanTexts.Table : EnglishTexts.Table;
}
