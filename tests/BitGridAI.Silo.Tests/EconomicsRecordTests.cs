using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Economics;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Storage.History;

namespace BitGridAI.Silo.Tests;

/// <summary>The energy-path settings in the recorded configuration: read back as written, and absent while at their defaults.</summary>
public sealed class EconomicsRecordTests
{
    private static SiteDefinition Site(SiteEconomics economics) =>
        new("home", [], EngineConfig.Default, Autonomy.Full, Strategy.Surplus) { Economics = economics };

    [Fact]
    public void AtTheDefaultsTheRecordedConfigurationIsTheOneBeforeTheEnergyPathExisted()
    {
        var json = SiteConfigDocument.Of(Site(SiteEconomics.Default)).Json;

        Assert.Contains("\"economics\":{\"hashprice_sats_per_th_day\":50,\"feed_in_ct_kwh\":8,\"sats_per_euro\":1100}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyBtcPriceAndHeatValuesAreReadBackAsWritten()
    {
        var economics = SiteEconomics.Default with
        {
            Policy = EnergyPathPolicy.MaxValue,
            BtcPriceEur = 90_000,
            HeatValueCtKwhByMonth = [12, 12, 10, 6, 0, 0, 0, 0, 2, 6, 10, 12],
        };

        var read = HistoryConfigJson.Read(SiteConfigDocument.Of(Site(economics)).Json, []).Economics;

        Assert.Equal(EnergyPathPolicy.MaxValue, read.Policy);
        Assert.Equal(90_000, read.BtcPriceEur);
        Assert.Equal(economics.HeatValueCtKwhByMonth, read.HeatValueCtKwhByMonth);
    }
}
