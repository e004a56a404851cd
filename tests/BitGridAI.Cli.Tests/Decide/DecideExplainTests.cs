using System.Text.Json;
using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests.Decide;

public sealed class DecideExplainTests
{
    private static CliResult Explain(DecideInput input, params string[] options) =>
        Bitgrid.RunWithInput(input.ToString(), ["decide", "--explain", .. options]);

    [Fact]
    public void Without_explain_the_output_has_no_explanation() =>
        Assert.False(DecideInput.Sunny().Decide().Json.TryGetProperty("explanation", out _));

    [Fact]
    public void Explain_adds_every_part_of_the_explanation_in_english_for_the_energy_persona_by_default()
    {
        var result = Explain(DecideInput.Sunny());

        Assert.Equal(0, result.ExitCode);
        var explanation = result.Json.GetProperty("explanation");
        Assert.Equal("en", explanation.GetProperty("language").GetString());
        Assert.Equal("energy", explanation.GetProperty("persona").GetString());
        Assert.StartsWith("Surplus rule: there is enough PV surplus", explanation.GetProperty("short").GetString(), StringComparison.Ordinal);
        Assert.Contains("runs at full power", explanation.GetProperty("long").GetString(), StringComparison.Ordinal);
        foreach (var part in new[] { "trigger", "data_basis", "effect" })
        {
            Assert.False(string.IsNullOrWhiteSpace(explanation.GetProperty(part).GetString()), part);
        }
        Assert.NotEqual(0, explanation.GetProperty("options").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, explanation.GetProperty("counterfactuals").ValueKind);
        Assert.Equal("running", explanation.GetProperty("mood").GetString());
        Assert.Equal(0, explanation.GetProperty("notes").GetArrayLength());
    }

    [Fact]
    public void German_tech_explanations_use_the_decimal_comma_and_name_the_code()
    {
        var explanation = Explain(DecideInput.Sunny().With("energy_price_ct_kwh", 12.5), "--lang", "de", "--persona", "tech")
            .Json.GetProperty("explanation");

        Assert.Equal("de", explanation.GetProperty("language").GetString());
        Assert.StartsWith("START_R1_SURPLUS_OK (R1, Überschussregel): ", explanation.GetProperty("short").GetString(), StringComparison.Ordinal);
        Assert.Contains("surplus_kw = 4,2 kW", explanation.GetProperty("data_basis").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stop_is_explained_with_its_mood_and_options()
    {
        var explanation = Explain(DecideInput.Sunny().With("miner_temp_c", 91.5), "--persona", "heat").Json.GetProperty("explanation");

        Assert.Equal("sleeping", explanation.GetProperty("mood").GetString());
        Assert.Contains("91.5 °C", explanation.GetProperty("short").GetString(), StringComparison.Ordinal);
        Assert.Contains("No heat comes from the miner", explanation.GetProperty("effect").GetString(), StringComparison.Ordinal);
        Assert.Contains(explanation.GetProperty("options").EnumerateArray(), o => o.GetString() == "No override lifts a safety stop.");
    }

    [Theory]
    [InlineData("fr", "energy", "unknown language 'fr'")]
    [InlineData("de", "plumber", "unknown persona 'plumber'")]
    public void An_unknown_language_or_persona_falls_back_with_a_note_and_exit_0(string lang, string persona, string note)
    {
        var result = Explain(DecideInput.Sunny(), "--lang", lang, "--persona", persona);

        Assert.Equal(0, result.ExitCode);
        var notes = result.Json.GetProperty("explanation").GetProperty("notes");
        Assert.Contains(notes.EnumerateArray(), n => n.GetString()!.StartsWith(note, StringComparison.Ordinal));
    }

    [Fact]
    public void Lang_without_explain_is_still_accepted_but_adds_nothing()
    {
        var result = Bitgrid.RunWithInput(DecideInput.Sunny().ToString(), "decide", "--lang", "de");

        Assert.Equal(0, result.ExitCode);
        Assert.False(result.Json.TryGetProperty("explanation", out _));
    }
}
