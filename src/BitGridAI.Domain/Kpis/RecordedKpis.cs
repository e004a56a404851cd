using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.History;

namespace BitGridAI.Domain.Kpis;

/// <summary>
/// The KPIs of recorded blocks, block after block (docs/kpis.md). Stateful only for flapping: feed the blocks in order.
/// </summary>
public sealed class RecordedKpis(int minerSlots)
{
    private readonly ActuatorChanges _changes = new(minerSlots);

    public BlockKpis Of(RecordedBlock block)
    {
        var kpis = Energy(block.Site, block.MinerPowerW, block.Config);
        Count(ref kpis, block, _changes);
        return kpis;
    }

    /// <summary>The energies, sats and prices of a block from its meters' means and its miners' draws (NaN = missing).</summary>
    public static BlockKpis Energy(in SiteMeans site, ReadOnlySpan<double> minerPowerW, HistoryConfig? config)
    {
        var kpis = BlockKpis.Missing;
        kpis.PvWh = BlockEnergy.Wh(site.PvW);
        kpis.ImportWh = BlockEnergy.Wh(site.GridImportW);
        kpis.ExportWh = BlockEnergy.Wh(site.GridExportW);
        if (config is null)
        {
            // Without its configuration the block's miners are unknown: their draw, and so the house load, is missing.
            kpis.HouseWh = BlockEnergy.Wh(site.HouseLoadW);
            return kpis;
        }
        var minersW = 0.0;
        var sats = 0.0;
        for (var i = 0; i < minerPowerW.Length && i < config.Miners.Count; i++)
        {
            minersW += minerPowerW[i];
            sats += BlockEnergy.Sats(minerPowerW[i], config.Miners[i].ThsPerW, config.Economics.HashpriceSatsPerThDay);
        }
        kpis.MinerWh = BlockEnergy.Wh(minersW);
        kpis.Sats = sats;
        kpis.HouseWh = BlockEnergy.Wh(BlockEnergy.HouseLoadW(site.HouseLoadW, site.PvW, site.GridImportW, site.BatteryPowerW, site.GridExportW, minersW));
        kpis.FeedInCtKwh = config.Economics.FeedInCtKwh;
        kpis.SatsPerEuro = config.Economics.SatsPerEuro;
        return kpis;
    }

    /// <summary>The recorded decisions' flapping, thermal stops and latency, and the block's overrides.</summary>
    public static void Count(ref BlockKpis kpis, RecordedBlock block, ActuatorChanges changes)
    {
        var miners = block.Config?.Miners;
        foreach (ref readonly var decision in block.Decisions.AsSpan())
        {
            var slot = miners is not null && decision.Miner < miners.Count ? miners[decision.Miner].Slot : -1;
            kpis.ActuatorChanges += changes.Follow(slot, DecisionCodes.Info(decision.Code).Action);
            CountDecision(ref kpis, decision.Code, decision.LatencySec);
        }
        CountEvents(ref kpis, block.Events, changes);
    }

    public static void CountDecision(ref BlockKpis kpis, DecisionCode code, double latencySec)
    {
        if (code == DecisionCode.STOP_R3_OVERTEMP)
        {
            kpis.ThermalStops++;
        }
        if (!double.IsNaN(latencySec))
        {
            kpis.LatencySec = double.IsNaN(kpis.LatencySec) ? latencySec : Math.Max(kpis.LatencySec, latencySec);
        }
    }

    /// <summary>Safety stops between ticks (they change the actuator and may be thermal) and override requests.</summary>
    public static void CountEvents(ref BlockKpis kpis, RecordedEvent[] events, ActuatorChanges changes)
    {
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case RecordedEventKind.SafetyStop:
                    kpis.ActuatorChanges += changes.Follow(e.MinerSlot, DecisionAction.Stop);
                    if (e.Code == DecisionCode.STOP_R3_OVERTEMP)
                    {
                        kpis.ThermalStops++;
                    }
                    break;
                case RecordedEventKind.OverrideAccepted:
                    kpis.OverridesAccepted++;
                    break;
                case RecordedEventKind.OverrideRefused:
                    kpis.OverridesRefused++;
                    break;
            }
        }
    }
}
