using System.Globalization;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;
using BitGridAI.Explain;
using BitGridAI.Explain.Rephrasing;
using BitGridAI.Explain.Text;
using BitGridAI.Explain.Verification;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Recording;

/// <summary>
/// Explains a decision as it was recorded (on the stream, in the event log): the engine's decision is rebuilt from
/// the record — its code, the actuator it found, trigger, overruled override, held-back proposal, rejected and
/// missing signals — and its inputs, then rendered with the counterfactuals the pure engine finds. One path for the
/// explanation grain, the silo's console line and <c>bitgrid explain</c>, so they always say the same.
/// </summary>
public static class RecordedDecisionExplainer
{
    /// <summary>The explanation, or null when the record's code is unknown to this version (a newer log).</summary>
    /// <remarks>The on-device model (<paramref name="rephraser"/>), when configured, may reword the short text; it is used only when it passes the faithfulness verifier.</remarks>
    /// <remarks><paramref name="searchCounterfactuals"/> false skips the search, for a caller that needs only the short text (the console line).</remarks>
    public static Explanation? Explain(DecisionRecord record, EngineConfig config, Language language, Persona persona,
        OnnxRephraser? rephraser = null, bool searchCounterfactuals = true)
    {
        if (!DecisionCodes.TryParse(record.DecisionCode, out var code))
        {
            return null;
        }
        var inputs = record.Inputs;
        var state = inputs?.ToState() ?? EnergyState.Empty;
        var context = inputs?.ToContext() ?? default;
        var decision = new Decision
        {
            Code = code,
            Actuator = context.Actuator,
            BlockIndex = BlockIndexOf(record),
            Trigger = DecisionText.ParseTrigger(record.Trigger),
            OverruledOverride = DecisionText.ParseActuator(record.OverruledOverride),
            HeldBackProposal = record.HeldBackProposal is { } held && DecisionCodes.TryParse(held, out var proposal) ? proposal : DecisionCode.Unknown,
            Rejected = SetOf(record.Rejected),
            Missing = SetOf(record.Missing),
            HouseLoadW = record.Params.TryGetValue("house_load_w", out var house) && house is { } w ? w : double.NaN,
            Safety = context.Safety,
            TargetW = record.TargetW,
            ShareMode = context.Fleet?.Mode ?? MinerMode.None,
        };
        // Counterfactuals need what the engine saw; a record without inputs (older logs) gets none rather than guesses.
        IReadOnlyList<Counterfactual>? counterfactuals = inputs is null || !searchCounterfactuals ? [] : null; // null: the explainer searches them
        var explanation = Explainer.Explain(decision, state, context, config, language, persona, counterfactuals);
        if (rephraser is null)
        {
            return explanation;
        }
        var facts = DecisionFacts.Of(decision, state, context, config, explanation.Counterfactuals);
        var reworded = rephraser.Rephrase(explanation.ShortText, Instruction(language, persona),
            text => FaithfulnessVerifier.Check(text, decision, facts, language).Passed);
        return reworded.FromModel
            ? explanation with { ShortText = reworded.Text, Notes = [.. explanation.Notes, "short text reworded on this device and verified"] }
            : explanation;
    }

    private static string Instruction(Language language, Persona persona) => language == Language.German
        ? $"Formuliere diesen Satz für {(persona switch { Persona.Heat => "jemanden, der mit dem Miner heizt", Persona.Tech => "einen Techniker", _ => "einen Hausbesitzer mit Solaranlage" })} um. Behalte jede Zahl und jede Einheit genau bei."
        : $"Reword this sentence for {(persona switch { Persona.Heat => "someone who heats with the miner", Persona.Tech => "a technician", _ => "a home owner with solar panels" })}. Keep every number and unit exactly.";

    private static long BlockIndexOf(DecisionRecord record) =>
        DateTimeOffset.TryParse(record.BlockId, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
            ? BlockClock.IndexOf(start)
            : BlockClock.IndexOf(record.DecidedAt);

    private static SignalSet SetOf(IEnumerable<string> names)
    {
        var set = SignalSet.Empty;
        foreach (var name in names)
        {
            if (SignalInfo.TryParse(name, out var signal))
            {
                set = set.With(signal);
            }
        }
        return set;
    }
}
