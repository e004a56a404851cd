using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;
using BitGridAI.Explain.Counterfactuals;

namespace BitGridAI.Explain.Tests.Counterfactuals;

public sealed class CounterfactualSearchTests
{
    public static TheoryData<string, string, string, double, double, string> Cases => new()
    {
        // case, decision it starts from, changed input, from, to, resulting code
        { "price too high: the price falls to 25.0", "NOOP_R1_PRICE_TOO_HIGH", "energy_price_ct_kwh", 26, 25, "START_R1_SURPLUS_OK" },
        { "price too high: the limit rises to 26.0", "NOOP_R1_PRICE_TOO_HIGH", "price_max_ct_kwh", 25, 26, "START_R1_SURPLUS_OK" },
        { "surplus 0.5 kW: PV rises by 0.3 kW", "NOOP_R1_INSUFFICIENT_SURPLUS", "pv_power_w", 1500, 1800, "THROTTLE_R1_SURPLUS_THROTTLE" },
        { "surplus 0.5 kW: the house uses 0.3 kW less", "NOOP_R1_INSUFFICIENT_SURPLUS", "house_load_w", 1000, 700, "THROTTLE_R1_SURPLUS_THROTTLE" },
        { "surplus 0.5 kW: the throttle limit falls to it", "NOOP_R1_INSUFFICIENT_SURPLUS", "surplus_throttle_min_kw", 0.8, 0.5, "THROTTLE_R1_SURPLUS_THROTTLE" },
        { "surplus 1.2 kW: PV rises by 0.3 kW and it starts", "THROTTLE_R1_SURPLUS_THROTTLE", "pv_power_w", 2200, 2500, "START_R1_SURPLUS_OK" },
        { "surplus 1.2 kW: the start limit falls to it", "THROTTLE_R1_SURPLUS_THROTTLE", "surplus_min_kw", 1.5, 1.2, "START_R1_SURPLUS_OK" },
        { "surplus 1.2 kW: the SoC falls into the soft band", "THROTTLE_R1_SURPLUS_THROTTLE", "battery_soc_pct", 80, 58, "NOOP_R2_SOC_SOFT_MIN" },
        { "overtemperature: the chip cools to 85.0", "STOP_R3_OVERTEMP", "miner_temp_c", 90, 85, "START_R1_SURPLUS_OK" },
        { "lost contact: the heartbeat is 60 s old", "STOP_R3_COMM_TIMEOUT", "miner_heartbeat_age_sec", 100, 60, "START_R1_SURPLUS_OK" },
        { "grid limit: the import falls to 500 W", "STOP_R2_GRID_IMPORT_EXCEEDED", "grid_import_w", 700, 500, "START_R1_SURPLUS_OK" },
        { "grid limit: the limit rises to 700 W", "STOP_R2_GRID_IMPORT_EXCEEDED", "max_grid_import_w", 500, 700, "START_R1_SURPLUS_OK" },
        { "R5: a shorter pause lets it start", "NOOP_R5_MIN_PAUSE_NOT_REACHED", "min_pause_blocks", 2, 1, "START_R1_SURPLUS_OK" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FindsTheSmallestChangeOfEachInput(string name, string code, string input, double from, double to, string result)
    {
        var scene = SceneFor(name);
        Assert.Equal(code, scene.Decide().Info.Name);

        var change = Assert.Single(scene.AllCounterfactuals(), c => c.Name == input && c.From == from && Math.Sign(c.To - from) == Math.Sign(to - from));

        Assert.Equal(to, change.To);
        Assert.Equal(result, change.ResultCode);
        var at = scene.DecideWith(change, to);
        Assert.Equal(DecisionText.Of(MinerEffect.Of(at.Code, scene.Context.Actuator)) ?? DecisionText.Of(at.Action), change.ResultAction);
    }

    [Fact]
    public void ThePriceItselfIsTheMostRelevantChangeWhenTheMiningIsTooExpensive()
    {
        var changes = SceneFor("price too high: the price falls to 25.0").Counterfactuals();

        Assert.Equal(("energy_price_ct_kwh", 25.0), (changes[0].Name, changes[0].To));
        Assert.Equal(changes.OrderBy(Relative).Select(c => c.Name), changes.Select(c => c.Name));
    }

    [Fact]
    public void AChangeOfCodeWithTheSameActionIsNotACounterfactual()
    {
        // Surplus 0.5 kW and price 26: a higher PV only swaps NOOP_R1_INSUFFICIENT_SURPLUS for NOOP_R1_PRICE_TOO_HIGH.
        var scene = Scene.Sunny(pvW: 1500, priceCt: 26);

        Assert.DoesNotContain(scene.AllCounterfactuals(), c => c.Name is "pv_power_w" or "house_load_w");
    }

    [Fact]
    public void ALockoutIsNotExplainedAwayByLooseningTheSafetyLimits()
    {
        var scene = Scene.Sunny() with
        {
            Context = Scene.Sunny().Context with { Safety = new SafetyMemory(Scene.Noon.AddMinutes(-10), true) },
        };
        Assert.Equal(DecisionCode.STOP_R3_LOCKOUT_ACTIVE, scene.Decide().Code);

        // Only a shorter lockout would release it, and safety limits are not offered as levers: nothing short of waiting.
        Assert.Empty(scene.Counterfactuals());
        var hot = Scene.Sunny().With(Signal.MinerTempC, 90);
        Assert.Equal(DecisionCode.STOP_R3_OVERTEMP, hot.Decide().Code);
        Assert.DoesNotContain(hot.AllCounterfactuals(),
            c => c.Name is "max_chip_temp_c" or "t_resume_c" or "comm_timeout_sec" or "safety_lockout_min");
    }

    [Fact]
    public void AnEmergencyStopHasNoCounterfactual()
    {
        var scene = Scene.Sunny() with { Context = Scene.Sunny().Context with { EmergencyStop = true } };
        Assert.Equal(DecisionCode.STOP_R3_EMERGENCY_STOP, scene.Decide().Code);

        Assert.Empty(scene.Counterfactuals());
    }

    [Theory]
    [InlineData("battery_soc_pct", 58.1, "START_R1_SURPLUS_OK")]
    [InlineData("miner_heartbeat_age_sec", 60, "START_R1_SURPLUS_OK")]
    [InlineData("miner_temp_c", 85, "START_R1_SURPLUS_OK")]
    [InlineData("grid_import_w", 500, "START_R1_SURPLUS_OK")]
    public void AMissingSignalIsOfferedAtTheEdgeOfTheValuesThatWouldChangeTheAction(string input, double to, string result)
    {
        var scene = Scene.Sunny().With(Scene.SignalOf(input), null);
        Assert.Equal(DecisionAction.Stop, scene.Decide().Action);

        var change = Assert.Single(scene.AllCounterfactuals(), c => c.Name == input);

        Assert.True(double.IsNaN(change.From));
        Assert.Equal((to, result), (change.To, change.ResultCode));
    }

    [Fact]
    public void TwoMissingSignalsNeedTwoChangesSoNeitherIsOffered()
    {
        var scene = Scene.Sunny().With(Signal.MinerTempC, null).With(Signal.MinerHeartbeatAgeSec, null);
        Assert.Equal(DecisionCode.STOP_R3_TEMP_UNKNOWN, scene.Decide().Code);

        Assert.DoesNotContain(scene.AllCounterfactuals(), c => !c.IsThreshold);
    }

    [Fact]
    public void ASwitchedOffPriceLimitIsOfferedAsTheLimitThatWouldHoldTheMiner()
    {
        var scene = Scene.Sunny() with { Config = Scene.Sunny().Config with { PriceMaxCtKwh = null } };

        var change = Assert.Single(scene.AllCounterfactuals(), c => c.Name == "price_max_ct_kwh");

        Assert.True(double.IsNaN(change.From));
        Assert.Equal((19.9, "NOOP_R1_PRICE_TOO_HIGH"), (change.To, change.ResultCode));
    }

    [Fact]
    public void ADerivedHouseLoadIsNotChangedButTheMeasuredBalanceIs()
    {
        // House load derived as 3000 W: surplus 0. PV moves the derived load with it and so changes nothing.
        var scene = Scene.Sunny(pvW: 3000).With(Signal.HouseLoadW, null)
            .With(Signal.GridExportW, 0).With(Signal.BatteryPowerW, 0);
        Assert.True(scene.Decide().HouseLoadDerived);

        var changes = scene.AllCounterfactuals();

        Assert.DoesNotContain(changes, c => c.Name is "house_load_w" or "pv_power_w");
        Assert.Contains(new Counterfactual("grid_export_w", false, 0, 800, "THROTTLE_R1_SURPLUS_THROTTLE", "THROTTLE"), changes);
    }

    [Fact]
    public void AThresholdIsNotMovedPastTheKeyItMustStayBelow()
    {
        // SoC 57 in the soft band (58): lowering soc_soft_min_pct to 56.9 would start the miner, but the hard
        // minimum at 57 may not lie above it.
        var scene = Scene.Sunny(socPct: 57) with { Config = Scene.Sunny().Config with { SocHardMinPct = 57 } };
        Assert.Equal(DecisionCode.STOP_R2_SOC_HARD_MIN, scene.Decide().Code);

        var changes = scene.AllCounterfactuals();

        // Lowering the hard minimum only moves the miner into the soft band, where it stays stopped: no change for the
        // person, so not offered; the soft minimum may not be lowered past the hard one.
        Assert.DoesNotContain(changes, c => c.Name == "soc_hard_min_pct" && c.ResultAction == "STOP");
        Assert.DoesNotContain(changes, c => c.Name == "soc_soft_min_pct");
    }

    [Fact]
    public void NoMoreThanAHandfulOfEachKindIsReturned()
    {
        var scene = Scene.Sunny();
        var all = scene.AllCounterfactuals();
        var changes = scene.Counterfactuals();

        Assert.True(all.Count(c => !c.IsThreshold) > CounterfactualSearch.MaxPerKind, "the scene must have more to choose from");
        Assert.True(all.Count(c => c.IsThreshold) > CounterfactualSearch.MaxPerKind, "the scene must have more to choose from");
        Assert.Equal(CounterfactualSearch.MaxPerKind, changes.Count(c => !c.IsThreshold));
        Assert.Equal(CounterfactualSearch.MaxPerKind, changes.Count(c => c.IsThreshold));
        Assert.Equal(all.Where(changes.Contains), changes);
    }

    private static double Relative(Counterfactual change) =>
        Math.Abs(change.To - change.From) / Math.Max(Math.Abs(change.From), DisplayUnit.For(change.Name).Scale);

    private static Scene SceneFor(string name) => name.Split(':')[0] switch
    {
        "price too high" => Scene.Sunny(priceCt: 26),
        "surplus 0.5 kW" => Scene.Sunny(pvW: 1500),
        "surplus 1.2 kW" => Scene.Sunny(pvW: 2200),
        "overtemperature" => Scene.Sunny().With(Signal.MinerTempC, 90),
        "lost contact" => Scene.Sunny().With(Signal.MinerHeartbeatAgeSec, 100),
        "grid limit" => Scene.Sunny().With(Signal.GridImportW, 700),
        "R5" => Scene.Sunny() with
        {
            Context = Scene.Sunny().Context with { BlocksSinceChange = 1 },
            Config = Scene.Sunny().Config with { DeadbandHoldBlocks = 0 },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no scene"),
    };
}

public sealed class NothingShortOfTests
{
    [Theory]
    [InlineData(Language.English, "Nothing short of several changes at once would change this")]
    [InlineData(Language.German, "Daran ändert nur mehreres zugleich etwas")]
    public void WhenNoSingleChangeWouldDoItTheExplanationSaysSo(Language language, string expected)
    {
        var scene = Scene.Sunny() with { Context = Scene.Sunny().Context with { EmergencyStop = true } };

        var explanation = Explainer.Explain(scene.Decide(), scene.State, scene.Context, scene.Config, language);

        Assert.Empty(explanation.Counterfactuals);
        Assert.StartsWith(expected, explanation.CounterfactualText, StringComparison.Ordinal);
        Assert.EndsWith(explanation.CounterfactualText, explanation.LongText, StringComparison.Ordinal);
    }
}
