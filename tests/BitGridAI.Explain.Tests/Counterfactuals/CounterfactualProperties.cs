using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Overrides;
using BitGridAI.Domain.Signals;
using BitGridAI.Explain.Counterfactuals;
using CsCheck;

namespace BitGridAI.Explain.Tests.Counterfactuals;

/// <summary>
/// Over thousands of valid evaluations, every counterfactual the search finds is exact: the engine gives another
/// action at it, and one display step nearer the current value it does not.
/// </summary>
public sealed class CounterfactualProperties
{
    private const int Iterations = 3000;

    /// <summary>What the miner ends up doing: the decided action, or for a NOOP the state it keeps.</summary>
    private static ActuatorState Effect(Scene scene, Decision decision) => MinerEffect.Of(decision.Code, scene.Context.Actuator);

    [Fact]
    public void EveryChangeChangesWhatTheMinerDoesAndOneStepBackDoesNot() =>
        Scenes.Sample(scene =>
        {
            var original = Effect(scene, scene.Decide());
            foreach (var change in scene.AllCounterfactuals())
            {
                var at = scene.DecideWith(change, change.To);
                Assert.True(original != Effect(scene, at), $"{change} keeps {original}");
                Assert.Equal(at.Info.Name, change.ResultCode);
                Assert.Equal(Effect(scene, at) == ActuatorState.Unknown ? DecisionText.Of(at.Action) : DecisionText.Of(Effect(scene, at)), change.ResultAction);

                var unit = DisplayUnit.For(change.Name);
                var steps = change.To * unit.StepsPerUnit;
                Assert.True(Math.Abs(steps - Math.Round(steps)) < 1e-6, $"{change} is not on the {unit.Step} {unit.Symbol} grid");
                if (change.IsThreshold)
                {
                    Assert.Empty(ConfigValidator.Validate(scene.ConfigAt(change, change.To)));
                }
                else
                {
                    Assert.True(SignalInfo.IsPlausible(Scene.SignalOf(change.Name), change.To), $"{change} is not plausible");
                }
                if (double.IsNaN(change.From))
                {
                    continue;
                }
                var direction = Math.Sign(change.To - change.From);
                Assert.NotEqual(0, direction);
                // On the grid, as a person would type it: 80.7 − 0.1 in doubles is 80.60000000000001, not 80.6.
                var back = (Math.Round(steps) - direction) / unit.StepsPerUnit;
                if (Math.Sign(back - change.From) == direction)
                {
                    var before = scene.DecideWith(change, back);
                    Assert.True(original == Effect(scene, before), $"{change} is not tight: at {back} {before.Info.Name}");
                }
            }
        }, iter: Iterations, print: scene => scene.ToString());

    [Fact]
    public void TheGeneratedConfigsAreValid() =>
        Scenes.Sample(scene => Assert.Empty(ConfigValidator.Validate(scene.Config)), iter: Iterations);

    [Fact]
    public void FindKeepsTheMostRelevantOfEachKindInOrder() =>
        Scenes.Sample(scene =>
        {
            var all = scene.AllCounterfactuals();
            var kept = scene.Counterfactuals();
            var expected = all.Where(c => !c.IsThreshold).Take(CounterfactualSearch.MaxPerKind)
                .Concat(all.Where(c => c.IsThreshold).Take(CounterfactualSearch.MaxPerKind));
            Assert.Equal(all.Where(expected.Contains), kept);
        }, iter: Iterations / 10, print: scene => scene.ToString());

    /// <summary>Valid evaluations: every reading plausible or missing, in-range values clustering on the thresholds.</summary>
    internal static Gen<Scene> Scenes { get; } = Gen.Select(States(), Contexts(), Configs(), (s, c, k) => new Scene(s, c, k));

    private static Gen<double?> Reading(double low, double high, params double[] edges) =>
        Gen.Frequency<double?>(
            (1, Gen.Const((double?)null)),
            (3, Gen.OneOf(edges.Select(e => (double?)e).ToArray())),
            (10, Gen.Double[low, high].Select(v => (double?)Math.Round(v, 2))));

    private static Gen<EnergyState> States()
    {
        (Signal Signal, Gen<double?> Reading)[] readings =
        [
            (Signal.PvPowerW, Reading(0, 9000, 0, 1800, 2500, 6000)),
            (Signal.HouseLoadW, Reading(0, 5000, 0, 1000)),
            (Signal.GridImportW, Reading(0, 700, 0, 500, 501)),
            (Signal.GridExportW, Reading(0, 3000, 0, 400)),
            (Signal.BatterySocPct, Reading(40, 100, 0, 50, 58, 80, 90, 100)),
            (Signal.BatteryPowerW, Reading(-3000, 3000, 0)),
            (Signal.MinerTempC, Reading(20, 90, -40, 75, 85, 85.1, 150)),
            (Signal.MinerHeartbeatAgeSec, Reading(0, 70, 0, 60, 61, 300)),
            (Signal.MinerPowerW, Reading(0, 4000, 0, 3000)),
            (Signal.EnergyPriceCtKwh, Reading(-10, 40, 25, 30)),
            (Signal.PvForecastKw, Reading(-2, 6, 2)),
        ];
        var state = Gen.Const(EnergyState.Empty);
        foreach (var (signal, reading) in readings)
        {
            state = Gen.Select(state, reading, (s, v) => s.With(signal, v));
        }
        return state;
    }

    private static Gen<DecisionContext> Contexts()
    {
        var overrides = Gen.Frequency<ActuatorState>((6, Gen.Const(ActuatorState.Unknown)), (1, Gen.Enum<ActuatorState>()));
        var lockout = Gen.Frequency<int?>((5, Gen.Const((int?)null)), (1, Gen.Int[0, 60].Select(m => (int?)m)));
        var flags = Gen.Select(Gen.Frequency<bool>((1, true), (19, false)), Gen.Frequency<bool>((1, true), (4, false)), Gen.Bool);
        var modes = Gen.Select(Gen.Enum<ActuatorState>(), Gen.Int[0, 5], Gen.Enum<Autonomy>(), Gen.Enum<Strategy>());
        return Gen.Select(overrides, lockout, flags, modes, Gen.OneOf(0.0, 0, 500), (ovr, lockedMinAgo, f, m, reserved) => new DecisionContext
        {
            Now = Scene.Noon,
            Actuator = m.Item1,
            BlocksSinceChange = m.Item2,
            Autonomy = m.Item3,
            Strategy = m.Item4,
            Override = new ManualOverride(ovr, null),
            EmergencyStop = f.Item1,
            MinerPoweredOff = f.Item2,
            ReservedW = reserved,
            Safety = new SafetyMemory(lockedMinAgo is { } ago ? Scene.Noon.AddMinutes(-ago) : null, f.Item3),
        });
    }

    /// <summary>Valid configs: ordered keys are drawn together and sorted, so every ordering of RULES.md §3 holds.</summary>
    private static Gen<EngineConfig> Configs()
    {
        var surplus = Gen.Int[-5, 30].Array[3].Select(tenths => tenths.Order().Select(t => t / 10.0).ToArray());
        var soc = Gen.Int[30, 70].Array[2].Select(pct => pct.Order().Select(p => (double)p).ToArray());
        var safety = Gen.Select(Gen.OneOf(80.0, 85, 95), Gen.OneOf(0.0, 60, 300), Gen.OneOf(0.0, 30, 45));
        var holds = Gen.Int[0, 4].Array[3];
        var economy = Gen.Select(Gen.OneOf(DataFailSafe.Stop, DataFailSafe.Hold), Gen.OneOf<double?>(25, null, 5));
        return Gen.Select(surplus, soc, safety, holds, economy, (kw, pct, r3, blocks, e) => EngineConfig.Default with
        {
            SurplusStopKw = kw[0],
            SurplusThrottleMinKw = kw[1],
            SurplusMinKw = kw[2],
            SocHardMinPct = pct[0],
            SocSoftMinPct = pct[1],
            MaxChipTempC = r3.Item1,
            CommTimeoutSec = r3.Item2,
            SafetyLockoutMin = r3.Item3,
            MinRuntimeBlocks = blocks[0],
            MinPauseBlocks = blocks[1],
            DeadbandHoldBlocks = blocks[2],
            DataFailSafe = e.Item1,
            PriceMaxCtKwh = e.Item2,
        });
    }
}
