using BitGridAI.Domain.Decisions;

namespace BitGridAI.Domain.Tests.Registry;

/// <summary>
/// RULES.md §4 "params": every threshold and measurement the deciding step compared — the checks it
/// passed on the way included — as the explanation shows them, and nothing it did not compare.
/// </summary>
public sealed class DecisionParamsTests
{
    private static Dictionary<string, double?> Params(Site site)
    {
        var decision = site.Decide();
        var source = new ParamSource(site.State, site.Context, site.Config, decision);
        return decision.Info.ParamValues(source).ToDictionary();
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

    [Fact]
    public void AnOvertemperatureStopShowsTheClampedLimitItComparedNotTheConfiguredOne()
    {
        var shown = Params(Site.Sunny.Set("max_chip_temp_c", 120).Temp(96));

        Assert.Equal(96, shown["miner_temp_c"]);
        Assert.Equal(95, shown["max_chip_temp_c"]);
    }

    [Fact]
    public void ALockoutShowsTheClampedResumeTemperatureAndTimeout()
    {
        var shown = Params(Site.Sunny.Set("max_chip_temp_c", 120).Set("t_resume_c", 99).Set("comm_timeout_sec", 400).LockoutStarted(30).Temp(90));

        Assert.Equal(85, shown["t_resume_c"]);
        Assert.Equal(300, shown["comm_timeout_sec"]);
        Assert.Equal(90, shown["miner_temp_c"]);
    }

    [Fact]
    public void AThrottleShowsThePriceCheckItPassed()
    {
        var shown = Params(Site.Sunny.SurplusKw(1).Price(20));

        Assert.Equal(1, shown["surplus_kw"]);
        Assert.Equal(0.8, shown["surplus_throttle_min_kw"]);
        Assert.Equal(1.5, shown["surplus_min_kw"]);
        Assert.Equal(20, shown["energy_price_ct_kwh"]);
        Assert.Equal(25, shown["price_max_ct_kwh"]);
    }

    [Fact]
    public void ARunningMinersInsufficientSurplusShowsBothSidesOfTheHysteresis()
    {
        var running = Params(Site.Sunny.Running().SurplusKw(0.5));
        var stopped = Params(Site.Sunny.Stopped().SurplusKw(0.5));

        Assert.Equal(0.5, running["surplus_kw"]);
        Assert.Equal(0, running["surplus_stop_kw"]);
        Assert.Equal(0.8, running["surplus_throttle_min_kw"]);
        Assert.False(stopped.ContainsKey("surplus_stop_kw"), "a stopped miner never compared surplus_stop_kw");
        Assert.Equal(0.8, stopped["surplus_throttle_min_kw"]);
    }

    [Fact]
    public void AReservationIsShownWhereTheSurplusWasComparedAndOnlyWhenThereIsOne()
    {
        var reserved = Site.Sunny with { Context = Site.Sunny.Context with { ReservedW = 3000 } };

        var shown = Params(reserved);
        var none = Params(Site.Sunny);

        Assert.Equal(DecisionCode.THROTTLE_R1_SURPLUS_THROTTLE, reserved.Decide().Code);
        Assert.Equal(3000, shown["reserved_w"]);
        Assert.Equal(1.0, shown["surplus_kw"]!.Value, 9);
        Assert.False(none.ContainsKey("reserved_w"));
    }

    [Fact]
    public void AReservationComesOffTheSurplusNotOffTheDerivedHouseLoad()
    {
        // PV 5 kW, house load derived as 1 kW (the running miner draws 3 kW), 2 kW reserved for a miner before it.
        var site = Site.Sunny.HouseLoad(null).Running().MinerPower(3000).Pv(5000).GridImport(0).GridExport(1000).BatteryPower(0);
        var reserved = site with { Context = site.Context with { ReservedW = 2000 } };

        var shown = Params(reserved);

        Assert.Equal(1000, shown["house_load_w"]);
        Assert.Equal(2.0, shown["surplus_kw"]!.Value, 9);
        Assert.Equal(2000, shown["reserved_w"]);
    }

    [Fact]
    public void AGridStopShowsTheExportAndTheLimit()
    {
        var shown = Params(Site.Sunny.Running().GridImport(900).GridExport(100));

        Assert.Equal(800, shown["net_grid_import_w"]);
        Assert.Equal(500, shown["max_grid_import_w"]);
    }

    [Fact]
    public void AHardMinimumStopShowsTheSocAndTheLimit()
    {
        var shown = Params(Site.Sunny.Running().Soc(45));

        Assert.Equal(45, shown["battery_soc_pct"]);
        Assert.Equal(50, shown["soc_hard_min_pct"]);
    }

    [Fact]
    public void AHoldOnMissingPvShowsTheBatteryAndGridChecksItStillRan()
    {
        var shown = Params(Site.Sunny.Pv(null).GridImport(300).Soc(70).FailSafe(DataFailSafe.Hold));

        Assert.Null(shown["pv_power_w"]);
        Assert.Equal(70, shown["battery_soc_pct"]);
        Assert.Equal(50, shown["soc_hard_min_pct"]);
        Assert.Equal(300, shown["net_grid_import_w"]);
        Assert.Equal(500, shown["max_grid_import_w"]);
        Assert.False(shown.ContainsKey("soc_stop_pct"), "the surplus strategy has no soc_band reserve");
    }

    [Fact]
    public void TheSoftBandShowsTheSocAndForARunningMinerTheSurplusLostCheckItPassed()
    {
        var shown = Params(Site.Sunny.Running().Soc(55).SurplusKw(0.5));

        Assert.Equal(55, shown["battery_soc_pct"]);
        Assert.Equal(58, shown["soc_soft_min_pct"]);
        Assert.Equal(0.5, shown["surplus_kw"]);
        Assert.Equal(0, shown["surplus_stop_kw"]);
    }

    [Fact]
    public void AStartAfterAForecastShowsTheForecastChecksItPassed()
    {
        var shown = Params(Site.Sunny.Forecast(3).Price(12));

        Assert.Equal(3, shown["pv_forecast_kw"]);
        Assert.Equal(2, shown["min_predicted_surplus_kw"]);
        Assert.Equal(30, shown["price_spike_threshold_ct"]);
        Assert.Equal(12, shown["energy_price_ct_kwh"]);
        Assert.False(Params(Site.Sunny).ContainsKey("pv_forecast_kw"), "without a forecast R4 compared nothing");
    }
}
