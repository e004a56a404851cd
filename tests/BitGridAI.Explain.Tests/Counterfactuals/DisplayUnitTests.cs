using BitGridAI.Domain.Config;
using BitGridAI.Domain.Signals;
using BitGridAI.Explain.Counterfactuals;

namespace BitGridAI.Explain.Tests.Counterfactuals;

public sealed class DisplayUnitTests
{
    public static TheoryData<string, string, double> Units => new()
    {
        { "pv_power_w", "W", 1 },
        { "battery_soc_pct", "%", 0.1 },
        { "miner_temp_c", "°C", 0.1 },
        { "miner_heartbeat_age_sec", "s", 1 },
        { "energy_price_ct_kwh", "ct/kWh", 0.1 },
        { "pv_forecast_kw", "kW", 0.1 },
        { "surplus_min_kw", "kW", 0.1 },
        { "price_spike_threshold_ct", "ct/kWh", 0.1 },
        { "max_grid_import_w", "W", 1 },
        { "safety_lockout_min", "min", 1 },
        { "min_runtime_blocks", "blocks", 1 },
    };

    [Theory]
    [MemberData(nameof(Units))]
    public void TheUnitAndStepFollowTheNamesSuffix(string name, string symbol, double step)
    {
        var unit = DisplayUnit.For(name);

        Assert.Equal((symbol, step), (unit.Symbol, unit.Step));
    }

    [Fact]
    public void EverySignalAndEveryNumericKeyHasAUnit()
    {
        var names = SignalInfo.All.Select(SignalInfo.Name).Concat(ConfigKeys.Numeric.Select(k => k.Name));

        Assert.All(names, name => Assert.NotNull(DisplayUnit.For(name)));
    }

    [Fact]
    public void IntegerKeysAreSearchedInWholeSteps() =>
        Assert.All(ConfigKeys.Numeric.Where(k => k.WholeNumber), k => Assert.Equal(1, DisplayUnit.For(k.Name).StepsPerUnit));

    [Fact]
    public void AnUnknownSuffixFailsLoudly() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DisplayUnit.For("miner_hashrate_ths"));
}
