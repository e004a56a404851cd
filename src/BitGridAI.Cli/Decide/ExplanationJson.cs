using System.Text.Json;
using BitGridAI.Domain.Decisions;
using BitGridAI.Explain;

namespace BitGridAI.Cli.Decide;

/// <summary>The <c>explanation</c> object of <c>decide --explain</c> (docs/explain.md).</summary>
internal static class ExplanationJson
{
    public static Explanation Explain(in Decision decision, DecideRequest request, ExplainOptions options)
    {
        var explanation = Explainer.Explain(decision, request.State, request.Context, request.Config, options.Language, options.Persona);
        return explanation with { Notes = [.. explanation.Notes, .. options.Notes] };
    }

    public static void Write(Utf8JsonWriter json, Explanation explanation)
    {
        json.WriteStartObject("explanation");
        json.WriteString("language", explanation.Language == Language.German ? "de" : "en");
        json.WriteString("persona", explanation.Persona.ToString().ToLowerInvariant());
        json.WriteString("short", explanation.ShortText);
        json.WriteString("long", explanation.LongText);
        json.WriteString("trigger", explanation.Trigger);
        json.WriteString("data_basis", explanation.DataBasis);
        json.WriteString("effect", explanation.Effect);
        WriteStrings(json, "options", explanation.Options);
        json.WriteStartArray("counterfactuals");
        foreach (var counterfactual in explanation.Counterfactuals)
        {
            json.WriteStartObject();
            json.WriteString("name", counterfactual.Name);
            json.WriteString("kind", counterfactual.IsThreshold ? "threshold" : "signal");
            WriteNumber(json, "from", counterfactual.From);
            WriteNumber(json, "to", counterfactual.To);
            json.WriteString("result_code", counterfactual.ResultCode);
            json.WriteString("text", Explainer.DescribeCounterfactual(counterfactual, explanation.Language, explanation.Persona));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("mood", explanation.Mood.ToString().ToLowerInvariant());
        WriteStrings(json, "notes", explanation.Notes);
        json.WriteEndObject();
    }

    /// <summary>A missing signal's value is NaN: JSON has no NaN, so it is null.</summary>
    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Math.Round(value, 6));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}
