using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;
using BitGridAI.Explain.Counterfactuals;

namespace BitGridAI.Explain.Tests.Counterfactuals;

/// <summary>
/// One evaluation for a counterfactual test: a sunny afternoon with a stopped, healthy miner, a full-enough
/// battery and a cheap price, which each case bends to the decision it needs.
/// </summary>
internal sealed record Scene(EnergyState State, DecisionContext Context, EngineConfig Config)
{
    public static DateTimeOffset Noon { get; } = new(2026, 6, 1, 12, 5, 0, TimeSpan.Zero);

    public static Scene Sunny(double pvW = 4000, double houseW = 1000, double socPct = 80, double priceCt = 20) => new(
        EnergyState.Empty
            .With(Signal.PvPowerW, pvW)
            .With(Signal.HouseLoadW, houseW)
            .With(Signal.GridImportW, 0)
            .With(Signal.BatterySocPct, socPct)
            .With(Signal.MinerTempC, 60)
            .With(Signal.MinerHeartbeatAgeSec, 5)
            .With(Signal.EnergyPriceCtKwh, priceCt),
        new DecisionContext { Now = Noon, Actuator = ActuatorState.Stop, BlocksSinceChange = 10 },
        EngineConfig.Default);

    public Scene With(Signal signal, double? value) => this with { State = State.With(signal, value) };

    public Decision Decide() => DecisionEngine.Decide(State, Context, Config);

    /// <summary>What <see cref="CounterfactualSearch.Find"/> returns: the most relevant changes.</summary>
    public IReadOnlyList<Counterfactual> Counterfactuals() => CounterfactualSearch.Find(State, Context, Config);

    /// <summary>Every change the search found, before the cap per kind.</summary>
    public IReadOnlyList<Counterfactual> AllCounterfactuals() => CounterfactualSearch.All(State, Context, Config);

    /// <summary>The decision with the counterfactual's change applied.</summary>
    public Decision DecideWith(Counterfactual change, double value)
    {
        if (!change.IsThreshold)
        {
            return DecisionEngine.Decide(State.With(SignalOf(change.Name), value), Context, Config);
        }
        return DecisionEngine.Decide(State, Context, ConfigAt(change, value));
    }

    /// <summary>A failing sample as a person reads it: every reading, then context and config.</summary>
    public override string ToString() =>
        string.Join(' ', SignalInfo.All.Select(s => $"{SignalInfo.Name(s)}={State[s]?.ToString("R") ?? "missing"}"))
        + $" {Context} {Config}";

    public static Signal SignalOf(string name) =>
        SignalInfo.TryParse(name, out var signal) ? signal : throw new ArgumentOutOfRangeException(nameof(name), name, "not a signal");

    public EngineConfig ConfigAt(Counterfactual change, double value) =>
        ConfigKeys.Find(change.Name)!.With(Config, value);
}
