using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Overrides;
using BitGridAI.Domain.Signals;
using CsCheck;

namespace BitGridAI.Domain.Tests.Properties;

/// <summary>
/// Evaluations of a running miner for the protective-check properties: a valid configuration with its
/// thresholds varied (RULES.md §3 orderings respected), every autonomy level, strategy and
/// data_fail_safe, no override or an active START/THROTTLE one, and SoC and grid readings that sit
/// on, just beside or far from the thresholds of that very configuration.
/// </summary>
internal static class ProtectionGenerators
{
    public static Gen<EngineConfig> ValidConfig { get; } = BuildValidConfig();

    public static Gen<Site> RunningMiner { get; } = ValidConfig.SelectMany(config =>
        Gen.Select(Readings(config), Context(), (state, context) => new Site(state, context, config)));

    private static Gen<EngineConfig> BuildValidConfig()
    {
        var socLimits = Gen.Select(Gen.Double[0, 100], Gen.Double[0, 100], Gen.Double[0, 100], (a, b, c) => (Hard: Math.Min(a, b), Soft: Math.Max(a, b), Stop: c));
        var socBands = Gen.Select(Gen.Double[0, 100], Gen.Double[0, 100], Gen.Double[0, 100], (a, b, c) =>
        {
            double[] sorted = [a, b, c];
            Array.Sort(sorted);
            return (Eco: sorted[0], Standard: sorted[1], Super: sorted[2]);
        });
        var surplus = Gen.Select(Gen.Double[-1, 3], Gen.Double[-1, 3], Gen.Double[-1, 3], (a, b, c) =>
        {
            double[] sorted = [a, b, c];
            Array.Sort(sorted);
            return (Stop: sorted[0], ThrottleMin: sorted[1], Min: sorted[2]);
        });
        var other = Gen.Select(Gen.OneOf(0.0, 100, 500, 2000), Gen.OneOf(DataFailSafe.Stop, DataFailSafe.Hold), Gen.Int[0, 4], Gen.Int[0, 4]);
        return Gen.Select(socLimits, socBands, surplus, other, (soc, bands, s, o) =>
        {
            var config = EngineConfig.Default with
            {
                SocHardMinPct = soc.Hard,
                SocSoftMinPct = soc.Soft,
                SocStopPct = soc.Stop,
                SocEcoStartPct = bands.Eco,
                SocStandardPct = bands.Standard,
                SocSuperPct = bands.Super,
                SurplusStopKw = s.Stop,
                SurplusThrottleMinKw = s.ThrottleMin,
                SurplusMinKw = s.Min,
                MaxGridImportW = o.Item1,
                DataFailSafe = o.Item2,
                MinRuntimeBlocks = o.Item3,
                DeadbandHoldBlocks = o.Item4,
            };
            var errors = ConfigValidator.Validate(config);
            return errors.Count == 0
                ? config
                : throw new InvalidOperationException("the generator built an invalid config: " + string.Join("; ", errors));
        });
    }

    /// <summary>A value on <paramref name="threshold"/>, a hair either side of it, or anywhere in range; sometimes missing or implausible.</summary>
    private static Gen<double?> Near(double threshold, double low, double high, double implausible) => Gen.Frequency<double?>(
        (1, Gen.Const((double?)null)),
        (1, Gen.Const((double?)implausible)),
        (3, Gen.OneOf<double?>(threshold, threshold - 0.01, threshold + 0.01).Select(v => v is { } x ? Math.Clamp(x, low, high) : v)),
        (6, Gen.Double[low, high].Select(v => (double?)v)));

    private static Gen<EnergyState> Readings(EngineConfig config)
    {
        var socThreshold = Gen.OneOf(config.SocHardMinPct, config.SocStopPct, config.SocSoftMinPct);
        var soc = socThreshold.SelectMany(t => Near(t, 0, 100, 140));
        var gridImport = Near(config.MaxGridImportW, 0, 3000, -1);
        var gridExport = Gen.Frequency<double?>((2, Gen.Const((double?)null)), (1, Gen.Const((double?)0)), (2, Gen.Double[0, 1000].Select(v => (double?)v)));
        var pv = Gen.Frequency<double?>((1, Gen.Const((double?)null)), (6, Gen.Double[0, 9000].Select(v => (double?)v)));
        var houseLoad = Gen.Frequency<double?>((1, Gen.Const((double?)null)), (6, Gen.Double[0, 4000].Select(v => (double?)v)));
        var extras = Gen.Select(Gen.Double[-3000, 3000], Gen.Double[0, 4000], Gen.Double[-10, 50],
            Gen.Frequency<double?>((2, Gen.Const((double?)null)), (1, Gen.Double[-2, 6].Select(v => (double?)v))));
        return Gen.Select(soc, gridImport, gridExport, pv, houseLoad, extras, (s, gi, ge, p, h, x) => EnergyState.Empty
            .With(Signal.BatterySocPct, s)
            .With(Signal.GridImportW, gi)
            .With(Signal.GridExportW, ge)
            .With(Signal.PvPowerW, p)
            .With(Signal.HouseLoadW, h)
            .With(Signal.BatteryPowerW, x.Item1)
            .With(Signal.MinerPowerW, x.Item2)
            .With(Signal.EnergyPriceCtKwh, x.Item3)
            .With(Signal.PvForecastKw, x.Item4)
            // A cool, reachable miner: R3 stops are not what these properties are about.
            .With(Signal.MinerTempC, 60)
            .With(Signal.MinerHeartbeatAgeSec, 5));
    }

    private static Gen<DecisionContext> Context() => Gen.Select(
        Gen.OneOf(ActuatorState.Start, ActuatorState.Throttle),
        Gen.Int[0, 6],
        Gen.OneOf(Autonomy.Full, Autonomy.Semi, Autonomy.Manual, Autonomy.Unknown),
        Gen.OneOf(Strategy.Surplus, Strategy.SocBand, Strategy.Unknown),
        Gen.OneOf(ActuatorState.Unknown, ActuatorState.Start, ActuatorState.Throttle),
        Gen.OneOf(0.0, 1500),
        (actuator, blocks, autonomy, strategy, ovr, reservedW) => new DecisionContext
        {
            Now = Tests.Site.Noon,
            Actuator = actuator,
            BlocksSinceChange = blocks,
            Autonomy = autonomy,
            Strategy = strategy,
            Override = new ManualOverride(ovr, null),
            ReservedW = reservedW,
            Safety = new SafetyMemory(null, LastTelemetryFresh: true),
        });
}
