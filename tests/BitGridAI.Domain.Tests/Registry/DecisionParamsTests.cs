using BitGridAI.Domain.Decisions;

namespace BitGridAI.Domain.Tests.Registry;

/// <summary>RULES.md §4 "params": the thresholds and measurements the deciding step compared, as the explanation shows them.</summary>
public sealed class DecisionParamsTests
{
    private static Dictionary<string, double?> Params(Site site)
    {
        var decision = site.Decide();
        var source = new ParamSource(site.State, site.Context, site.Config, decision);
        return decision.Info.Params.ToDictionary(p => p.Name, p => p.Value(source));
    }

    [Fact]
    public void AnOvertemperatureStopShowsTheTemperatureAndTheLimit()
    {
        var shown = Params(Site.Sunny.Temp(91));

        Assert.Equal(91, shown["miner_temp_c"]);
        Assert.Equal(85, shown["max_chip_temp_c"]);
    }

    [Fact]
    public void AGridStopShowsTheNetImportWithMissingExportAsZero()
    {
        var shown = Params(Site.Sunny.GridImport(650).GridExport(null));

        Assert.Equal(650, shown["grid_import_w"]);
        Assert.Null(shown["grid_export_w"]);
        Assert.Equal(650, shown["net_grid_import_w"]);
        Assert.Equal(500, shown["max_grid_import_w"]);
    }

    [Fact]
    public void ASurplusDecisionShowsTheDerivedHouseLoadAndTheSurplus()
    {
        var shown = Params(Site.Sunny.HouseLoad(null).Running().MinerPower(3000).Pv(4000));

        Assert.Equal(1000, shown["house_load_w"]);
        Assert.Equal(3.0, shown["surplus_kw"]);
        Assert.Equal(1.5, shown["surplus_min_kw"]);
    }

    [Fact]
    public void AMissingDataStopShowsTheMissingSignalAsNull()
    {
        var shown = Params(Site.Sunny.Pv(null));

        Assert.Null(shown["pv_power_w"]);
        Assert.Equal(80, shown["battery_soc_pct"]);
    }

    [Fact]
    public void AnActiveLockoutShowsTheMinutesServed()
    {
        var shown = Params(Site.Sunny.LockoutStarted(12));

        Assert.Equal(12, shown["lockout_elapsed_min"]);
        Assert.Equal(30, shown["safety_lockout_min"]);
    }

    [Fact]
    public void AnR5HoldShowsTheBlocksSinceTheLastChange()
    {
        var shown = Params(Site.Sunny.Stopped().BlocksSinceChange(1));

        Assert.Equal(1, shown["blocks_since_change"]);
        Assert.Equal(2, shown["min_pause_blocks"]);
    }
}
