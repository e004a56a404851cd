using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Physics;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Simulator;

/// <summary>
/// A simulated site behind the grains' device ports: seasonal PV with passing clouds, a house load
/// profile, a battery whose SoC follows the energy balance within its limits, the grid meter taking the
/// rest, and miners whose chips heat with their power. It advances itself lazily, in fixed 10-second
/// steps of site time, up to the time of each read or command, so its state does not depend on how often
/// it is read; the same seed and the same times give the same readings. Faults (a dead fan, lost
/// contact) come at random at the configured rates, or on demand.
/// </summary>
public sealed partial class SimulatedSite : IDevicePort, IMinerPort, IRelayPort
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    private readonly SimulatedSiteOptions _options;
    private readonly TimeProvider _time;
    private Random _random; // drawn anew from the seed when a snapshot is restored
    private readonly HomeBattery _battery;
    private readonly Dictionary<string, SimulatedMiner> _miners;
    private readonly Lock _gate = new();
    private DateTimeOffset _simTime;
    private double _cloud = 1;
    private int _cloudDay = -1;
    private double _dayCloudiness;

    public SimulatedSite(SimulatedSiteOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _random = new Random(options.Seed);
        _battery = new HomeBattery(options.BatteryCapacityWh, options.MaxChargeW, options.MaxDischargeW, options.ChargeEfficiency, options.BatteryFloorPct);
        _simTime = time.GetUtcNow();
        SocPct = options.InitialSocPct;
        _miners = options.Miners.ToDictionary(m => m.Id, m => new SimulatedMiner(m, options.AmbientC));
    }

    public double PvW { get; private set; }
    public double HouseW { get; private set; }
    public double SocPct { get; private set; }
    /// <summary>Positive = discharging, negative = charging.</summary>
    public double BatteryW { get; private set; }
    public double ImportW { get; private set; }
    public double ExportW { get; private set; }

    /// <summary>Energy the PV plant has produced since the site started, in Wh (integrated per step).</summary>
    public double PvEnergyWh { get; private set; }

    /// <summary>Energy taken from the grid since the site started, in Wh (integrated per step).</summary>
    public double ImportedWh { get; private set; }

    /// <summary>Energy fed into the grid since the site started, in Wh (integrated per step).</summary>
    public double ExportedWh { get; private set; }

    /// <summary>Raised (outside the site's lock) when a relay cuts or restores a miner's power: miner id, powered.</summary>
    public event Action<string, bool>? MinerPowerChanged;

    /// <summary>
    /// Raised (outside the site's lock) when a miner's mode changes — by a port command, its firmware API or its
    /// relay: miner id, new mode. It fires on the thread that applied the change, so an observer can time it.
    /// </summary>
    public event Action<string, MinerMode>? MinerModeChanged;

    public double MinerPowerW(string minerId) => Miner(minerId).PowerW;

    public double MinerChipC(string minerId) => Miner(minerId).ChipC;

    public MinerMode ModeOf(string minerId) => Miner(minerId).Mode;

    /// <summary>The fan of a miner stops for a while: a running chip heats 40 K above its normal level.</summary>
    public void FailFan(string minerId, TimeSpan duration)
    {
        lock (_gate)
        {
            AdvanceTo(_time.GetUtcNow());
            Miner(minerId).FanFailedUntil = _simTime + duration;
        }
    }

    /// <summary>A miner stops answering for a while: reads and commands fail.</summary>
    public void LoseContact(string minerId, TimeSpan duration)
    {
        lock (_gate)
        {
            AdvanceTo(_time.GetUtcNow());
            Miner(minerId).ContactLostUntil = _simTime + duration;
        }
    }

    public ValueTask<IReadOnlyList<TelemetrySample>> ReadAsync(string deviceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            AdvanceTo(now);
            IReadOnlyList<TelemetrySample> samples = deviceId switch
            {
                _ when deviceId == _options.InverterId => [new(Signal.PvPowerW, Math.Round(PvW), now)],
                _ when deviceId == _options.BatteryId => [new(Signal.BatterySocPct, Math.Round(SocPct, 2), now), new(Signal.BatteryPowerW, Math.Round(BatteryW), now)],
                _ when deviceId == _options.MeterId =>
                [
                    new(Signal.GridImportW, Math.Round(ImportW), now),
                    new(Signal.GridExportW, Math.Round(ExportW), now),
                    new(Signal.HouseLoadW, Math.Round(HouseW), now),
                ],
                _ => ReadMiner(deviceId, now),
            };
            return ValueTask.FromResult(samples);
        }
    }

    public ValueTask SendAsync(string minerId, MinerCommand command, CancellationToken cancellationToken)
    {
        var mode = command.Action switch
        {
            ActuatorState.Start => command.Mode == MinerMode.Super ? MinerMode.Super : MinerMode.Standard,
            ActuatorState.Throttle => MinerMode.Eco,
            _ => MinerMode.None,
        };
        bool changed;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            AdvanceTo(now);
            var miner = Reachable(minerId, now);
            changed = miner.CommandIds.Add(command.CommandId) && Change(miner, mode, now);
        }
        if (changed)
        {
            MinerModeChanged?.Invoke(minerId, mode);
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask<MinerMode> ReadModeAsync(string minerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            AdvanceTo(now);
            return ValueTask.FromResult(Reachable(minerId, now).Mode);
        }
    }

    /// <summary>Opening a miner's relay cuts its power: it stops mining and stops answering until the relay closes.</summary>
    public ValueTask SwitchAsync(string relayId, bool on, CancellationToken cancellationToken)
    {
        SimulatedMiner miner;
        bool changed;
        var stopped = false;
        lock (_gate)
        {
            AdvanceTo(_time.GetUtcNow());
            miner = _miners.Values.FirstOrDefault(m => m.Options.RelayId == relayId)
                ?? throw new DeviceUnreachableException(relayId, "no such relay on the simulated site");
            changed = miner.PowerCut == on;
            miner.PowerCut = !on;
            if (!on)
            {
                stopped = Change(miner, MinerMode.None, _simTime);
            }
        }
        if (changed)
        {
            MinerPowerChanged?.Invoke(miner.Options.Id, on);
        }
        if (stopped)
        {
            MinerModeChanged?.Invoke(miner.Options.Id, MinerMode.None);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The site as the policy grain sees it: these devices, miners by priority with their standard power.</summary>
    public SiteDefinition ToSiteDefinition(string siteId, EngineConfig engine, Autonomy autonomy, Strategy strategy) => new(
        siteId,
        [
            new DeviceDefinition(_options.InverterId, DeviceKind.PvInverter),
            new DeviceDefinition(_options.BatteryId, DeviceKind.Battery),
            new DeviceDefinition(_options.MeterId, DeviceKind.GridMeter),
            .. _options.Miners.Select(m => new DeviceDefinition(m.Id, DeviceKind.Miner, m.StandardPowerW, m.Priority, m.RelayId)
            {
                EcoDrawW = m.EcoPowerW,
                SuperDrawW = m.SuperPowerW,
            }),
        ],
        engine,
        autonomy,
        strategy);

    private List<TelemetrySample> ReadMiner(string minerId, DateTimeOffset now)
    {
        var miner = Reachable(minerId, now);
        return [new(Signal.MinerTempC, Math.Round(miner.ChipC, 1), now), new(Signal.MinerPowerW, Math.Round(miner.PowerW), now)];
    }

    private SimulatedMiner Reachable(string minerId, DateTimeOffset now)
    {
        var miner = _miners.GetValueOrDefault(minerId) ?? throw new DeviceUnreachableException(minerId, "no such device on the simulated site");
        if (miner.PowerCut)
        {
            throw new DeviceUnreachableException(minerId, "no power (its relay is open)");
        }
        return now < miner.ContactLostUntil ? throw new DeviceUnreachableException(minerId, "no answer (simulated loss of contact)") : miner;
    }

    /// <summary>Sets a miner's mode (under the lock); true when it changed, for the caller to raise <see cref="MinerModeChanged"/> after the lock.</summary>
    private static bool Change(SimulatedMiner miner, MinerMode mode, DateTimeOffset at)
    {
        var changed = miner.Mode != mode;
        miner.SetMode(mode, at);
        return changed;
    }

    private SimulatedMiner Miner(string minerId) =>
        _miners.GetValueOrDefault(minerId) ?? throw new KeyNotFoundException($"the simulated site has no miner '{minerId}'");

    private void AdvanceTo(DateTimeOffset now)
    {
        while (_simTime + Step <= now)
        {
            _simTime += Step;
            StepOnce();
        }
    }

    private void StepOnce()
    {
        var t = _simTime.UtcDateTime;
        var hour = t.TimeOfDay.TotalHours;
        var season = SitePhysics.Season(t.DayOfYear - 1);
        var ambient = _options.AmbientC + (6 * season) - 3;

        if (_cloudDay != t.DayOfYear)
        {
            _cloudDay = t.DayOfYear;
            _dayCloudiness = _random.NextDouble() * (1 - (0.5 * season));
        }
        // Passing clouds: a bounded random walk around the day's cloudiness.
        _cloud = Math.Clamp(_cloud + ((_random.NextDouble() - 0.5) * 0.08) + ((1 - _dayCloudiness - _cloud) * 0.02), 0.1, 1);

        PvW = SitePhysics.ClearSkyPvW(_options.PvPeakW, season, hour) * _cloud;
        HouseW = SitePhysics.HouseLoadW(_options.HouseBaseLoadW, winterExtraW: 250, season, hour) + ((_random.NextDouble() - 0.5) * 60);

        var dayFraction = Step.TotalDays;
        foreach (var miner in _miners.Values)
        {
            if (_random.NextDouble() < _options.FanFailuresPerDay * dayFraction / _miners.Count)
            {
                miner.FanFailedUntil = _simTime + TimeSpan.FromMinutes(30);
            }
            if (_random.NextDouble() < _options.CommLossesPerDay * dayFraction / _miners.Count)
            {
                miner.ContactLostUntil = _simTime + TimeSpan.FromMinutes(1 + (4 * _random.NextDouble()));
            }
            miner.Step(_simTime, Step, ambient);
        }

        var hours = Step.TotalHours;
        var flow = _battery.Step(SocPct, PvW - HouseW - _miners.Values.Sum(m => m.PowerW), hours);
        (SocPct, BatteryW, ImportW, ExportW) = flow;
        PvEnergyWh += PvW * hours;
        ImportedWh += ImportW * hours;
        ExportedWh += ExportW * hours;
    }
}
