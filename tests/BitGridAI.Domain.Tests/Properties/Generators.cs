using System.Text;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Overrides;
using BitGridAI.Domain.Signals;
using CsCheck;

namespace BitGridAI.Domain.Tests.Properties;

/// <summary>
/// Random evaluations for the property tests: every reading may be missing, NaN, infinite or out of
/// range, and in-range values cluster on the thresholds where the rules change their mind.
/// </summary>
internal static class Generators
{
    public static Gen<EnergyState> State { get; } = BuildState();

    public static Gen<DecisionContext> Context { get; } = BuildContext();

    public static Gen<EngineConfig> Config { get; } = BuildConfig();

    public static Gen<Site> Site { get; } = Gen.Select(State, Context, Config, (s, c, k) => new Site(s, c, k));

    /// <summary>A failing sample as a person reads it.</summary>
    public static string Describe(Site site)
    {
        var text = new StringBuilder();
        foreach (var signal in SignalInfo.All)
        {
            var value = site.State[signal];
            var shown = value?.ToString("R") ?? (site.State.Rejected.Contains(signal) ? "rejected" : "missing");
            text.Append(SignalInfo.Name(signal)).Append('=').Append(shown).Append(' ');
        }
        text.Append(site.Context).Append(' ').Append(site.Config);
        return text.ToString();
    }

    private static Gen<double?> Reading(double low, double high, double? outOfRange, params double[] edges)
    {
        double?[] implausible = outOfRange is { } bad
            ? [double.NaN, double.PositiveInfinity, double.NegativeInfinity, bad]
            : [double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        return Gen.Frequency<double?>(
            (2, Gen.Const((double?)null)),
            (1, Gen.OneOf(implausible)),
            (4, Gen.OneOf(edges.Select(e => (double?)e).ToArray())),
            (12, Gen.Double[low, high].Select(v => (double?)v)));
    }

    private static Gen<EnergyState> BuildState()
    {
        (Signal Signal, Gen<double?> Reading)[] readings =
        [
            (Signal.PvPowerW, Reading(0, 9000, -1, 0, 1000, 1800, 2500, 6000)),
            (Signal.HouseLoadW, Reading(0, 5000, -0.5, 0, 1000)),
            (Signal.GridImportW, Reading(0, 700, -1, 0, 500, 500.5, 1500)),
            (Signal.GridExportW, Reading(0, 3000, -1, 0, 400)),
            (Signal.BatterySocPct, Reading(40, 100, 140, 0, 49.99, 50, 58, 80, 90, 100)),
            (Signal.BatteryPowerW, Reading(-3000, 3000, null, 0)),
            (Signal.MinerTempC, Reading(20, 88, 151, -40, 75, 85, 85.01, 95, 95.1, 150)),
            (Signal.MinerHeartbeatAgeSec, Reading(0, 70, -1, 0, 60, 60.01, 300, 300.01, 400)),
            (Signal.MinerPowerW, Reading(0, 4000, -1, 0, 3000)),
            (Signal.EnergyPriceCtKwh, Reading(-10, 50, null, 25, 30)),
            (Signal.PvForecastKw, Reading(-2, 6, null, 2)),
        ];
        var state = Gen.Const(EnergyState.Empty);
        foreach (var (signal, reading) in readings)
        {
            state = Gen.Select(state, reading, (s, v) => s.With(signal, v));
        }
        return state;
    }

    private static Gen<DecisionContext> BuildContext()
    {
        var now = Gen.Int[0, 6000].Select(s => Tests.Site.Noon.AddSeconds(s));
        var overrideGen = Gen.Frequency<(ActuatorState Action, int ExpiresInMin)>(
            (4, Gen.Const((ActuatorState.Unknown, 0))),
            (1, Gen.Select(Gen.Enum<ActuatorState>(), Gen.OneOf(int.MaxValue, -5, 0, 30))));
        var lockout = Gen.Frequency<int?>((5, Gen.Const((int?)null)), (1, Gen.Int[0, 60].Select(m => (int?)m)));
        var flags = Gen.Select(Gen.Frequency<bool>((1, true), (19, false)), Gen.Bool, Gen.Bool);
        var modes = Gen.Select(Gen.Enum<ActuatorState>(), Gen.Int[0, 6], Gen.Enum<Autonomy>(), Gen.Enum<Strategy>());
        return Gen.Select(now, overrideGen, lockout, flags, modes, (time, ovr, lockedMinAgo, f, m) => new DecisionContext
        {
            Now = time,
            Actuator = m.Item1,
            BlocksSinceChange = m.Item2,
            Autonomy = m.Item3,
            Strategy = m.Item4,
            Override = new ManualOverride(ovr.Action, ovr.ExpiresInMin == int.MaxValue ? null : time.AddMinutes(ovr.ExpiresInMin)),
            EmergencyStop = f.Item1,
            MinerPoweredOff = f.Item2,
            Safety = new SafetyMemory(lockedMinAgo is { } ago ? time.AddMinutes(-ago) : null, f.Item3),
        });
    }

    private static Gen<EngineConfig> BuildConfig()
    {
        var r5 = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 4], Gen.Int[0, 4]);
        var r3 = Gen.Select(Gen.OneOf(85.0, 70, 95, 120, double.NaN), Gen.OneOf(60.0, 0, 300, 400), Gen.OneOf(30.0, 0, 60));
        var other = Gen.Select(Gen.Enum<DataFailSafe>(), Gen.OneOf<double?>(25, null, 5), Gen.OneOf(0.0, 0.5));
        return Gen.Select(r5, r3, other, (a, b, c) => EngineConfig.Default with
        {
            MinRuntimeBlocks = a.Item1,
            MinPauseBlocks = a.Item2,
            DeadbandHoldBlocks = a.Item3,
            MaxChipTempC = b.Item1,
            CommTimeoutSec = b.Item2,
            SafetyLockoutMin = b.Item3,
            DataFailSafe = c.Item1,
            PriceMaxCtKwh = c.Item2,
            SurplusStopKw = c.Item3,
        });
    }
}
