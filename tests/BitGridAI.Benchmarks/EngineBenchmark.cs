using BenchmarkDotNet.Attributes;
using BitGridAI.Cli.Synth;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Benchmarks;

/// <summary>
/// Single-threaded decisions per second over a realistic mix: the states of a synthetic month with
/// varying actuator, blocks since change and lockout, so no single branch is all the CPU sees.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmark
{
    public const int StatesPerInvoke = 4096;

    private readonly EnergyState[] _states = new EnergyState[StatesPerInvoke];
    private readonly DecisionContext[] _contexts = new DecisionContext[StatesPerInvoke];
    private readonly EngineConfig _config = EngineConfig.Default;

    [GlobalSetup]
    public void Setup()
    {
        var rows = new SyntheticSite(seed: 11).Generate(days: 30).Take(StatesPerInvoke).ToArray();
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < StatesPerInvoke; i++)
        {
            _states[i] = rows[i].ToState();
            _contexts[i] = new DecisionContext
            {
                Now = start.AddMinutes(10 * i),
                Actuator = (ActuatorState)(i % 4),
                BlocksSinceChange = i % 7,
                Autonomy = i % 10 == 0 ? Autonomy.Semi : Autonomy.Full,
                Strategy = i % 5 == 0 ? Strategy.SocBand : Strategy.Surplus,
                Safety = new SafetyMemory(i % 13 == 0 ? start.AddMinutes((10 * i) - 20) : null, i % 3 != 0),
                Trigger = Trigger.BlockTick,
            };
        }
    }

    [Benchmark(OperationsPerInvoke = StatesPerInvoke)]
    public int Decide()
    {
        var checksum = 0;
        for (var i = 0; i < StatesPerInvoke; i++)
        {
            checksum += (int)DecisionEngine.Decide(_states[i], _contexts[i], _config).Code;
        }
        return checksum;
    }
}
