using System.Text.Json;
using BitGridAI.Cli.Text;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;
using BitGridAI.Explain;

namespace BitGridAI.Cli.Decide;

/// <summary>Writes one decision with everything RULES.md §4 asks a decision to carry.</summary>
internal static class DecisionJson
{
    public static void Write(Utf8JsonWriter json, in Decision decision, in EnergyState state, in DecisionContext context, EngineConfig config,
        Explanation? explanation = null, Action<Utf8JsonWriter>? more = null)
    {
        var info = decision.Info;
        json.WriteStartObject();
        json.WriteString("decision_code", info.Name);
        json.WriteString("action", DecisionText.Of(info.Action));
        json.WriteString("rule", info.Rule.ToString());
        json.WriteString("reason", info.Reason);
        WriteNullable(json, "mode", DecisionText.Of(decision.Mode));
        json.WriteString("trigger", DecisionText.Of(decision.Trigger));
        json.WriteString("summary", decision.Explanation);
        json.WriteStartObject("params");
        var source = new ParamSource(state, context, config, decision);
        foreach (var (name, value) in info.ParamValues(source))
        {
            WriteNumber(json, name, value);
        }
        json.WriteEndObject();
        WriteSignals(json, "rejected", decision.Rejected);
        WriteSignals(json, "missing", decision.Missing);
        WriteNullable(json, "overruled_override", DecisionText.Of(decision.OverruledOverride));
        WriteNullable(json, "held_back_proposal", decision.HeldBackProposal == DecisionCode.Unknown ? null : decision.HeldBackProposal.ToString());
        WriteNumber(json, "house_load_w", double.IsNaN(decision.HouseLoadW) ? null : decision.HouseLoadW);
        json.WriteBoolean("house_load_derived", decision.HouseLoadDerived);
        json.WriteBoolean("lockout_active", decision.Safety.LockoutActive);
        json.WriteString("block_id", BlockClock.IdOf(decision.BlockIndex));
        json.WriteString("valid_until", IsoTime.Format(BlockClock.ValidUntil(decision.BlockIndex)));
        if (decision.TargetW is { } target)
        {
            WriteNumber(json, "target_w", target);
        }
        if (explanation is not null)
        {
            ExplanationJson.Write(json, explanation);
        }
        more?.Invoke(json);
        json.WriteEndObject();
    }

    private static void WriteSignals(Utf8JsonWriter json, string name, SignalSet signals)
    {
        json.WriteStartArray(name);
        foreach (var signal in signals.Members())
        {
            json.WriteStringValue(SignalInfo.Name(signal));
        }
        json.WriteEndArray();
    }

    public static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, 6));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
