using BitGridAI.Cli.Replay;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Physics;

namespace BitGridAI.Cli.Synth;

/// <summary>
/// A deterministic synthetic site, one row per 10-minute block: seasonal PV with weather and passing
/// clouds, a house load profile with cooking peaks, a battery whose SoC follows the energy balance, a
/// day/night tariff with spikes, a PV forecast, and a miner whose draw and chip temperature follow the
/// decisions of the engine at default config (closed loop). Faults are injected at random but
/// reproducibly: fan failures (over-temperature), lost contact, a dead temperature sensor, meter dropouts
/// and implausible readings, forecast outages.
/// </summary>
internal sealed class SyntheticSite
{
    private const double PeakPvW = 10_000;
    private const double MinerStandardW = 1_674;
    private const double MinerEcoW = 900;
    private const double BlockHours = 1.0 / 6;
    /// <summary>Per block, a chip closes half the gap to its target temperature (time constant ≈ 15 min).</summary>
    private const double ThermalStep = 0.5;

    private static readonly HomeBattery Battery = new(CapacityWh: 10_000, MaxChargeW: 3_500, MaxDischargeW: 3_000, ChargeEfficiency: 0.95, FloorPct: 8);

    private readonly SplitMix64 _random;
    private readonly SeriesReplay _controller = new(EngineConfig.Default, new DecisionContext
    {
        Autonomy = Autonomy.Full,
        Strategy = Strategy.Surplus,
        Trigger = Trigger.BlockTick,
    });

    private double _socPct = 60;
    private double _chipC = 20;
    private double _lastReportedChipC = 20;
    private DayPlan _day = DayPlan.Calm;

    public SyntheticSite(ulong seed) => _random = new SplitMix64(seed);

    public IEnumerable<SyntheticRow> Generate(int days)
    {
        for (var day = 0; day < days; day++)
        {
            _day = PlanDay(day);
            for (var block = 0; block < 144; block++)
            {
                yield return Block(day, block);
            }
        }
    }

    private SyntheticRow Block(int day, int block)
    {
        var hour = block / 6.0;
        var season = Season(day);
        var ambientC = 8 + (17 * season) + (4 * Math.Sin(Math.PI * (hour - 9) / 12));

        var cloud = _day.Weather switch
        {
            Weather.Clear => _random.Between(0.92, 1.0),
            Weather.Overcast => _random.Between(0.12, 0.3),
            _ => _random.Chance(0.35) ? _random.Between(0.2, 0.45) : _random.Between(0.85, 1.0),
        };
        // PV at the middle of the block; the house profile at its start (as the series always had it).
        var pvW = Math.Round(SitePhysics.ClearSkyPvW(PeakPvW, season, hour + (1.0 / 12)) * cloud);
        var houseW = Math.Round(HouseLoadW(season, hour, block) + _random.Between(-60.0, 60.0));

        var actuator = _controller.Track.Actuator;
        var minerW = actuator switch
        {
            ActuatorState.Start => MinerStandardW,
            ActuatorState.Throttle => MinerEcoW,
            _ => 0,
        };

        var netW = pvW - houseW - minerW;
        var flow = Battery.Step(_socPct, netW, BlockHours, canDischarge: _day.BatteryFaultBlock != block); // a fault: the inverter trips for a block
        _socPct = flow.SocPct;
        var exportW = Math.Round(flow.ExportW);
        var importW = Math.Round(flow.ImportW);

        var fanFailed = _day.FanFailure.Contains(block) && actuator is ActuatorState.Start or ActuatorState.Throttle;
        var targetC = ambientC + (minerW > 0 ? minerW / MinerStandardW * 48 : 2) + (fanFailed ? 40 : 0);
        _chipC += (targetC - _chipC) * ThermalStep;

        var contactLost = _day.CommLoss.Contains(block);
        double? tempC = contactLost ? _lastReportedChipC : Math.Round(_chipC, 1);
        _lastReportedChipC = tempC.Value;
        if (_day.SensorDead == block)
        {
            tempC = null;
        }
        var heartbeat = contactLost ? Math.Round(_random.Between(90.0, 900.0)) : Math.Round(_random.Between(1.0, 15.0));

        var row = new SyntheticRow(
            OffsetMin: (day * 1440L) + (block * 10L),
            PvPowerW: _day.PvDropout == block ? null : _day.PvImplausible == block ? -50 : pvW,
            HouseLoadW: houseW,
            GridImportW: importW,
            BatterySocPct: _day.SocImplausible == block ? 140 : Math.Round(_socPct, 1),
            MinerTempC: tempC,
            MinerHeartbeatAgeSec: heartbeat,
            EnergyPriceCtKwh: Price(season, hour, block),
            PvForecastKw: _day.ForecastOutage.Contains(block) ? null : Forecast(season, hour + 0.5),
            GridExportW: exportW,
            MinerPowerW: Math.Round(minerW > 0 ? minerW + _random.Between(-20.0, 20.0) : 0),
            BatteryPowerW: Math.Round(flow.BatteryW));

        var time = SeriesCsvReader.OffsetEpoch.AddMinutes(row.OffsetMin);
        _controller.Step(row.ToState(), time, out _);
        return row;
    }

    private static double Season(int day) => SitePhysics.Season(day);

    private double HouseLoadW(double season, double hour, int block)
    {
        var load = SitePhysics.HouseLoadW(baseW: 300, winterExtraW: 300, season, hour);
        if (_day.CookingPeak.Contains(block)) load += _day.CookingExtraW;
        return load;
    }

    private double Price(double season, double hour, int block)
    {
        if (_day.PriceSpike.Contains(block)) return _day.SpikePriceCt;
        if (_day.NegativeMidday && hour is >= 11 and < 15) return -2.5;
        var price = hour switch
        {
            < 6 or >= 22 => 22.0,
            >= 16 and < 21 => 28.0,
            _ => 24.0,
        };
        return Math.Round(price + ((1 - season) * 0.8), 2);
    }

    private double Forecast(double season, double hour)
    {
        var expectedCloud = _day.Weather switch
        {
            Weather.Clear => 0.96,
            Weather.Overcast => 0.2,
            _ => 0.7,
        };
        var expectedHouse = 300 + (300 * (1 - season)) + (hour is >= 17.5 and < 21 ? 1200 : hour is >= 6.5 and < 8 ? 900 : 0);
        var kw = ((SitePhysics.ClearSkyPvW(PeakPvW, season, hour + (1.0 / 12)) * expectedCloud) - expectedHouse) / 1000;
        return Math.Round(kw + _random.Between(-0.3, 0.3), 2);
    }

    private DayPlan PlanDay(int day)
    {
        var season = Season(day);
        var weather = _random.NextDouble() switch
        {
            var p when p < 0.25 + (0.3 * season) => Weather.Clear,
            var p when p < 0.65 + (0.15 * season) => Weather.Mixed,
            _ => Weather.Overcast,
        };
        Range Maybe(double probability, int firstBlock, int lastBlock, int minLength, int maxLength)
        {
            if (!_random.Chance(probability)) return default;
            var start = _random.Between(firstBlock, lastBlock);
            return new Range(start, start + _random.Between(minLength, maxLength + 1));
        }
        int Single(double probability, int firstBlock = 0, int lastBlock = 144) =>
            _random.Chance(probability) ? _random.Between(firstBlock, lastBlock) : -1;

        return new DayPlan(
            weather,
            FanFailure: Maybe(1.0 / 20, 60, 96, 3, 5),
            CommLoss: Maybe(1.0 / 15, 0, 144, 1, 3),
            SensorDead: Single(1.0 / 25),
            PvDropout: Single(1.0 / 25, 48, 108),
            PvImplausible: Single(1.0 / 60, 48, 108),
            SocImplausible: Single(1.0 / 60),
            BatteryFaultBlock: Single(1.0 / 30, 60, 100),
            ForecastOutage: Maybe(1.0 / 12, 0, 144, 2, 12),
            PriceSpike: Maybe(1.0 / 10, 60, 108, 6, 12),
            SpikePriceCt: Math.Round(_random.Between(31.0, 45.0), 2),
            NegativeMidday: season > 0.7 && _random.Chance(0.1),
            CookingPeak: Maybe(0.35, 105, 117, 1, 3),
            CookingExtraW: Math.Round(_random.Between(2500.0, 4000.0)));
    }

    private enum Weather
    {
        Clear,
        Mixed,
        Overcast,
    }

    /// <summary>Blocks [Start, End) of a day; default is empty.</summary>
    private readonly record struct Range(int Start, int End)
    {
        public bool Contains(int block) => block >= Start && block < End;
    }

    private sealed record DayPlan(
        Weather Weather,
        Range FanFailure,
        Range CommLoss,
        int SensorDead,
        int PvDropout,
        int PvImplausible,
        int SocImplausible,
        int BatteryFaultBlock,
        Range ForecastOutage,
        Range PriceSpike,
        double SpikePriceCt,
        bool NegativeMidday,
        Range CookingPeak,
        double CookingExtraW)
    {
        public static DayPlan Calm { get; } = new(Weather.Clear, default, default, -1, -1, -1, -1, -1, default, default, 0, false, default, 0);
    }
}
