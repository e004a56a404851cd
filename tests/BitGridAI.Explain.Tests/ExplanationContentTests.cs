using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;
using BitGridAI.Explain.Text;

namespace BitGridAI.Explain.Tests;

/// <summary>What particular explanations say: the numbers' format, NOOPs, overrides, lockouts, held-back proposals, moods.</summary>
public sealed class ExplanationContentTests
{
    [Theory]
    [InlineData(1.5, Unit.Kilowatt, Language.German, "1,5 kW")]
    [InlineData(1.5, Unit.Kilowatt, Language.English, "1.5 kW")]
    [InlineData(4, Unit.Kilowatt, Language.German, "4 kW")]
    [InlineData(0.8004, Unit.Kilowatt, Language.English, "0.8 kW")]
    [InlineData(500.46, Unit.Watt, Language.German, "500,5 W")]
    [InlineData(-0.00001, Unit.Kilowatt, Language.English, "0 kW")]
    [InlineData(1, Unit.Blocks, Language.German, "1 Block")]
    [InlineData(3, Unit.Blocks, Language.German, "3 Blöcke")]
    [InlineData(-4.25, Unit.CentPerKwh, Language.German, "-4,25 ct/kWh")]
    [InlineData(85, Unit.Celsius, Language.English, "85 °C")]
    public void Quantities_are_written_in_the_languages_format(double value, Unit unit, Language language, string expected) =>
        Assert.Equal(expected, NumberText.Quantity(value, unit, language));

    [Fact]
    public void A_german_explanation_uses_the_decimal_comma()
    {
        var s = Build(ActuatorState.Stop, pvW: 2200, houseW: 1000);

        var text = Explainer.Explain(s.Decision, s.State, s.Context, s.Config, Language.German).ShortText;

        Assert.Equal(DecisionCode.THROTTLE_R1_SURPLUS_THROTTLE, s.Decision.Code);
        Assert.Equal("Überschussregel: Es gibt etwas PV-Überschuss (1,2 kW): genug für gedrosselten Betrieb, aber unter den 1,5 kW für volle Leistung; der Miner startet und läuft gedrosselt.", text);
    }

    [Theory]
    [InlineData(ActuatorState.Start, "the miner keeps running at full power")]
    [InlineData(ActuatorState.Throttle, "the miner keeps running throttled")]
    [InlineData(ActuatorState.Stop, "the miner stays stopped")]
    [InlineData(ActuatorState.Unknown, "the miner is left as it is")]
    public void A_noop_says_whether_the_miner_keeps_running_or_stays_stopped(ActuatorState actuator, string expected)
    {
        var s = Build(actuator, pvW: 1000, houseW: 1000, semi: true, blocks: 10);
        var decision = s.Decision with { Code = DecisionCode.NOOP_R1_INSUFFICIENT_SURPLUS, Actuator = actuator };

        var explanation = Explainer.Explain(decision, s.State, s.Context, s.Config);

        Assert.Contains(expected, explanation.ShortText, StringComparison.Ordinal);
        Assert.Equal(Mood.Waiting, explanation.Mood);
    }

    [Theory]
    [InlineData(DecisionCode.START_R1_SURPLUS_OK, Mood.Running)]
    [InlineData(DecisionCode.THROTTLE_R1_SURPLUS_THROTTLE, Mood.Trotting)]
    [InlineData(DecisionCode.NOOP_R1_INSUFFICIENT_SURPLUS, Mood.Waiting)]
    [InlineData(DecisionCode.STOP_R3_OVERTEMP, Mood.Sleeping)]
    public void Each_action_has_its_mood(DecisionCode code, Mood mood)
    {
        var s = Scenarios.Reaching(code, 1, seed: 3)[0];

        Assert.Equal(mood, Explainer.Explain(s.Decision, s.State, s.Context, s.Config).Mood);
    }

    [Fact]
    public void An_overruled_override_is_explained()
    {
        var s = Build(ActuatorState.Stop, pvW: 5000, houseW: 1000) is var b
            ? b with { State = b.State.Without(Signal.BatterySocPct), Context = b.Context with { Override = new(ActuatorState.Start, null) } }
            : null!;
        var decision = DecisionEngine.Decide(s.State, s.Context, s.Config);

        var explanation = Explainer.Explain(decision, s.State, s.Context, s.Config, Language.German);

        Assert.Equal(DecisionCode.STOP_DQ_SIGNAL_MISSING, decision.Code);
        Assert.Contains("Ihre Vorgabe verlangte volle Leistung; sie wurde überstimmt, denn die Datenprüfung hat Vorrang.", explanation.LongText, StringComparison.Ordinal);
        Assert.Contains("Batterieladestand", explanation.Trigger, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lockout_says_until_when_at_the_earliest()
    {
        var s = Scenarios.Reaching(DecisionCode.STOP_R3_LOCKOUT_ACTIVE, 1, seed: 5)[0];
        var end = s.Context.Safety.LockoutStartedAt!.Value.AddMinutes(30);

        var explanation = Explainer.Explain(s.Decision, s.State, s.Context, s.Config);

        Assert.Contains($"A safety lockout holds until {end:HH:mm} UTC at the earliest", explanation.LongText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_held_back_proposal_and_the_tech_persona_name_code_rule_and_thresholds()
    {
        var s = Build(ActuatorState.Stop, pvW: 5000, houseW: 1000, blocks: 1);

        var explanation = Explainer.Explain(s.Decision, s.State, s.Context, s.Config, persona: Persona.Tech);

        Assert.Equal(DecisionCode.NOOP_R5_MIN_PAUSE_NOT_REACHED, s.Decision.Code);
        Assert.StartsWith("NOOP_R5_MIN_PAUSE_NOT_REACHED (R5, stability rule): ", explanation.ShortText, StringComparison.Ordinal);
        Assert.Contains("proposed full power (START_R1_SURPLUS_OK), but that change is held back", explanation.LongText, StringComparison.Ordinal);
        Assert.Contains("min_pause_blocks = 2 blocks", explanation.DataBasis, StringComparison.Ordinal);
        Assert.Contains("Change min_pause_blocks (now 2 blocks).", explanation.Options);
    }

    [Fact]
    public void An_emergency_stop_offers_to_acknowledge_it_and_the_heat_persona_speaks_of_heat()
    {
        var s = Scenarios.Reaching(DecisionCode.STOP_R3_EMERGENCY_STOP, 1, seed: 9)[0];

        var explanation = Explainer.Explain(s.Decision, s.State, s.Context, s.Config, Language.English, Persona.Heat);

        Assert.Contains("Acknowledge the emergency stop once its cause is dealt with.", explanation.Options);
        Assert.Contains("No heat comes from the miner", explanation.Effect, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 900, "If the PV surplus were 1.5 kW instead of 0.9 kW, the miner would run at full power.")]
    [InlineData(true, 0.8, "If the throttled-mode threshold were set to 0.9 kW instead of 0.8 kW, the miner would run throttled.")]
    public void Counterfactuals_are_rendered_in_the_language(bool threshold, double from, string expected)
    {
        var counterfactual = threshold
            ? new Counterfactual("surplus_throttle_min_kw", true, from, 0.9, "THROTTLE_R1_SURPLUS_THROTTLE", "THROTTLE")
            : new Counterfactual("surplus_kw", false, from / 1000, 1.5, "START_R1_SURPLUS_OK", "START");

        Assert.Equal(expected, Explainer.DescribeCounterfactual(counterfactual, Language.English, Persona.Energy));
    }

    [Fact]
    public void German_counterfactuals_and_missing_values_read_naturally()
    {
        var signal = new Counterfactual("battery_soc_pct", false, 49.5, 50.5, "START_R1_SURPLUS_OK", "START");
        var missing = new Counterfactual("pv_power_w", false, double.NaN, 2000, "NOOP_R1_INSUFFICIENT_SURPLUS", "NOOP");

        Assert.Equal("Läge der Batterieladestand bei 50,5 % statt 49,5 %, würde der Miner mit voller Leistung laufen.",
            Explainer.DescribeCounterfactual(signal, Language.German, Persona.Energy));
        Assert.Equal("Läge pv_power_w (bisher ohne Messwert) bei 2000 W, würden die Regeln stattdessen abwarten (NOOP_R1_INSUFFICIENT_SURPLUS).",
            Explainer.DescribeCounterfactual(missing, Language.German, Persona.Tech));
    }

    [Fact]
    public void Given_counterfactuals_are_in_the_explanation_and_otherwise_the_exact_search_finds_them()
    {
        var s = Build(ActuatorState.Stop, pvW: 1500, houseW: 1000);
        var counterfactual = new Counterfactual("surplus_kw", false, 0.5, 0.8, "THROTTLE_R1_SURPLUS_THROTTLE", "THROTTLE");

        var with = Explainer.Explain(s.Decision, s.State, s.Context, s.Config, counterfactuals: [counterfactual]);
        var without = Explainer.Explain(s.Decision, s.State, s.Context, s.Config);

        Assert.Same(counterfactual, Assert.Single(with.Counterfactuals));
        Assert.EndsWith("If the PV surplus were 0.8 kW instead of 0.5 kW, the miner would run throttled.", with.LongText, StringComparison.Ordinal);
        // Not given: the search over the engine finds them, and each really changes what the miner is told.
        Assert.NotEmpty(without.Counterfactuals);
        Assert.All(without.Counterfactuals, c => Assert.NotEqual("NOOP", c.ResultAction));
        Assert.Contains(without.Counterfactuals, c => c.Name == "pv_power_w" && c.To > c.From);
        Assert.False(string.IsNullOrWhiteSpace(without.CounterfactualText));
    }

    [Theory]
    [InlineData(null, null, Language.English, Persona.Energy, 0)]
    [InlineData("de", "heat", Language.German, Persona.Heat, 0)]
    [InlineData("DE", "Tech", Language.German, Persona.Tech, 0)]
    [InlineData("fr", null, Language.English, Persona.Energy, 1)]
    [InlineData("en", "plumber", Language.English, Persona.Energy, 1)]
    [InlineData("xx", "yy", Language.English, Persona.Energy, 2)]
    public void Unknown_language_or_persona_fall_back_with_a_note(string? lang, string? persona, Language language, Persona expected, int notes)
    {
        var options = ExplainOptions.Parse(lang, persona);

        Assert.Equal(language, options.Language);
        Assert.Equal(expected, options.Persona);
        Assert.Equal(notes, options.Notes.Count);
    }

    private static Scenario Build(ActuatorState actuator, double pvW, double houseW, bool semi = false, long blocks = 10)
    {
        var state = EnergyState.Empty.With(Signal.PvPowerW, pvW).With(Signal.HouseLoadW, houseW).With(Signal.GridImportW, 0)
            .With(Signal.BatterySocPct, 80).With(Signal.MinerTempC, 60).With(Signal.MinerHeartbeatAgeSec, 5).With(Signal.EnergyPriceCtKwh, 10);
        var context = new DecisionContext
        {
            Now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero),
            Actuator = actuator,
            BlocksSinceChange = blocks,
            Autonomy = semi ? Autonomy.Semi : Autonomy.Full,
            Strategy = Strategy.Surplus,
        };
        return new Scenario(state, context, EngineConfig.Default, DecisionEngine.Decide(state, context, EngineConfig.Default));
    }
}
