namespace BitGridAI.Domain.Kpis;

/// <summary>
/// The KPIs of a period (a block, a day, a whole range): sums over the blocks where a quantity was measured, how
/// many blocks that was, and ratios from the sums of the blocks where all their terms were measured. A quantity no
/// block measured is null (missing); one only some blocks measured is <see cref="IsPartial">partial</see>.
/// </summary>
public sealed class KpiTotals
{
    private Sum _pv, _house, _import, _export, _miner, _sats, _exportValue, _miningValue;
    private Sum _selfPv, _selfExport, _autarkyConsumption, _autarkyImport, _perKwhSats, _perKwhMiner;
    private Sum _feedInSatsByMinerWh, _feedInMinerWh, _feedInSats;
    private double _latencySum, _latencyMax = double.NaN;
    private int _latencyCount;

    public int Blocks { get; private set; }

    public int ActuatorChanges { get; private set; }

    public int ThermalStops { get; private set; }

    public int OverridesAccepted { get; private set; }

    public int OverridesRefused { get; private set; }

    public double? PvKwh => _pv.Kwh;

    public double? HouseKwh => _house.Kwh;

    public double? ImportKwh => _import.Kwh;

    public double? ExportKwh => _export.Kwh;

    public double? MinerKwh => _miner.Kwh;

    /// <summary>Heat the miners gave off: all of their electrical energy ends up as heat.</summary>
    public double? HeatKwh => _miner.Kwh;

    public double? Sats => _sats.Value;

    public double? ExportValueEur => _exportValue.Value;

    public double? MiningValueEur => _miningValue.Value;

    /// <summary>Share of the PV energy used on site: 1 − export / PV.</summary>
    public double? SelfConsumption => Ratio(_selfPv.Total - _selfExport.Total, _selfPv);

    /// <summary>Share of the consumption (house and miners) not drawn from the grid: 1 − import / consumption.</summary>
    public double? Autarky => Ratio(_autarkyConsumption.Total - _autarkyImport.Total, _autarkyConsumption);

    public double? SatsPerKwh => _perKwhMiner.Total > 0 && _perKwhMiner.Blocks > 0 ? _perKwhSats.Total / (_perKwhMiner.Total / 1000) : null;

    /// <summary>
    /// The feed-in tariff in sats per kWh, to set beside <see cref="SatsPerKwh"/>: above it, mining the energy earned
    /// more than exporting it would have. Weighted by the miners' energy of each block (the same kWh
    /// <see cref="SatsPerKwh"/> divides by, so a price change mid-period counts as much as the mining it priced);
    /// when the miners used no energy in the period, the plain mean of the blocks' prices.
    /// </summary>
    public double? FeedInSatsPerKwh => _feedInMinerWh.Total > 0
        ? _feedInSatsByMinerWh.Total / _feedInMinerWh.Total
        : _feedInSats.Blocks > 0 ? _feedInSats.Total / _feedInSats.Blocks : null;

    public double? LatencyMeanSec => _latencyCount > 0 ? _latencySum / _latencyCount : null;

    public double? LatencyMaxSec => _latencyCount > 0 ? _latencyMax : null;

    /// <summary>The energy quantities some, but not all, blocks of the period measured.</summary>
    public IEnumerable<string> PartialQuantities()
    {
        if (IsPartialSum(_pv)) yield return "pv";
        if (IsPartialSum(_house)) yield return "house";
        if (IsPartialSum(_import)) yield return "import";
        if (IsPartialSum(_export)) yield return "export";
        if (IsPartialSum(_miner)) yield return "miner";
        if (IsPartialSum(_sats)) yield return "sats";
    }

    public bool IsPartial(string quantity) => PartialQuantities().Contains(quantity);

    public void Add(in BlockKpis block)
    {
        Blocks++;
        _pv.Add(block.PvWh);
        _house.Add(block.HouseWh);
        _import.Add(block.ImportWh);
        _export.Add(block.ExportWh);
        _miner.Add(block.MinerWh);
        _sats.Add(block.Sats);
        _exportValue.Add(block.ExportValueEur);
        _miningValue.Add(block.MiningValueEur);
        if (!double.IsNaN(block.PvWh) && !double.IsNaN(block.ExportWh))
        {
            _selfPv.Add(block.PvWh);
            _selfExport.Add(block.ExportWh);
        }
        if (!double.IsNaN(block.ConsumptionWh) && !double.IsNaN(block.ImportWh))
        {
            _autarkyConsumption.Add(block.ConsumptionWh);
            _autarkyImport.Add(block.ImportWh);
        }
        if (!double.IsNaN(block.Sats) && !double.IsNaN(block.MinerWh))
        {
            _perKwhSats.Add(block.Sats);
            _perKwhMiner.Add(block.MinerWh);
        }
        if (double.IsFinite(block.FeedInSatsPerKwh))
        {
            _feedInSats.Add(block.FeedInSatsPerKwh);
            if (block.MinerWh > 0)
            {
                _feedInSatsByMinerWh.Add(block.FeedInSatsPerKwh * block.MinerWh);
                _feedInMinerWh.Add(block.MinerWh);
            }
        }
        ActuatorChanges += block.ActuatorChanges;
        ThermalStops += block.ThermalStops;
        OverridesAccepted += block.OverridesAccepted;
        OverridesRefused += block.OverridesRefused;
        if (!double.IsNaN(block.LatencySec))
        {
            _latencySum += block.LatencySec;
            _latencyCount++;
            _latencyMax = double.IsNaN(_latencyMax) ? block.LatencySec : Math.Max(_latencyMax, block.LatencySec);
        }
    }

    private bool IsPartialSum(Sum sum) => sum.Blocks > 0 && sum.Blocks < Blocks;

    /// <summary>A ratio of energies; missing when nothing was measured or the denominator is 0 (a night has no self-consumption).</summary>
    private static double? Ratio(double numerator, Sum denominator) =>
        denominator.Blocks > 0 && denominator.Total > 0 ? Math.Clamp(numerator / denominator.Total, 0, 1) : null;

    /// <summary>A sum over the blocks that measured it; NaN terms (missing) are left out and not counted.</summary>
    private struct Sum
    {
        public double Total;
        public int Blocks;

        public void Add(double value)
        {
            if (!double.IsNaN(value))
            {
                Total += value;
                Blocks++;
            }
        }

        public readonly double? Value => Blocks > 0 ? Total : null;

        public readonly double? Kwh => Blocks > 0 ? Total / 1000 : null;
    }
}
