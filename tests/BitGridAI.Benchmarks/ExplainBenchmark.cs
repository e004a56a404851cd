using System.Diagnostics;
using System.Globalization;
using BitGridAI.Cli.Synth;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Overrides;
using BitGridAI.Domain.Signals;
using BitGridAI.Explain;

namespace BitGridAI.Benchmarks;

/// <summary>
/// Latency of one explanation (templates, plus counterfactuals through the explainer's seam) over a varied mix: the
/// states of a synthetic month with varying actuator, autonomy, strategy, overrides, emergency stops and lockouts,
/// in both languages and every persona. The floor is p99 ≤ 1 ms: a dashboard explains every decision it shows.
/// </summary>
internal static class ExplainBenchmark
{
    private const int Decisions = 6000;
    private const int WarmUp = 2000;

    public static int Run()
    {
        var cases = Build();
        var codes = cases.Select(c => c.Decision.Code).Distinct().Count();
        for (var i = 0; i < WarmUp; i++)
        {
            Explain(cases[i % cases.Length], i);
        }
        var latencies = new List<double>(cases.Length);
        var length = 0L;
        for (var i = 0; i < cases.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            length += Explain(cases[i], i).LongText.Length;
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        latencies.Sort();
        Console.WriteLine($"explain_decisions={cases.Length}");
        Console.WriteLine($"explain_distinct_codes={codes}");
        Console.WriteLine(Line("explain_p50_ms", Latencies.Median(latencies)));
        Console.WriteLine(Line("explain_p99_ms", Latencies.P99(latencies)));
        Console.WriteLine(Line("explain_max_ms", latencies[^1]));
        Console.WriteLine($"explain_mean_chars={length / cases.Length}");
        return 0;
    }

    private static Explanation Explain(in Case c, int i) =>
        Explainer.Explain(c.Decision, c.State, c.Context, c.Config, (Language)(i % 2), (Persona)(i / 2 % 3));

    private readonly record struct Case(EnergyState State, DecisionContext Context, EngineConfig Config, Decision Decision);

    private static Case[] Build()
    {
        var rows = new SyntheticSite(seed: 17).Generate(days: 60).Take(Decisions).ToArray();
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var cases = new Case[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var now = start.AddMinutes(10 * i);
            var state = rows[i].ToState();
            if (i % 17 == 0)
            {
                state = state.With(Signal.MinerTempC, 88.5);
            }
            var context = new DecisionContext
            {
                Now = now,
                Actuator = (ActuatorState)(i % 4),
                BlocksSinceChange = i % 7,
                Autonomy = (i % 10) switch { 0 => Autonomy.Semi, 1 => Autonomy.Manual, _ => Autonomy.Full },
                Strategy = i % 5 == 0 ? Strategy.SocBand : Strategy.Surplus,
                Override = i % 23 == 0 ? new ManualOverride((ActuatorState)(1 + (i % 3)), null) : ManualOverride.None,
                EmergencyStop = i % 97 == 0,
                ReservedW = i % 11 == 0 ? 600 : 0,
                Safety = new SafetyMemory(i % 13 == 0 ? now.AddMinutes(-20) : null, i % 3 != 0),
                Trigger = Trigger.BlockTick,
            };
            var config = i % 19 == 0 ? EngineConfig.Default with { DataFailSafe = DataFailSafe.Hold } : EngineConfig.Default;
            cases[i] = new Case(state, context, config, DecisionEngine.Decide(state, context, config));
        }
        return cases;
    }

    private static string Line(string key, double value) => $"{key}={value.ToString("F4", CultureInfo.InvariantCulture)}";
}
