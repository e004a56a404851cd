using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Explain.Counterfactuals;

/// <summary>
/// The engine as a function of one input, everything else held. A struct behind a generic constraint so the
/// search calls it without a delegate or boxing: the signal probe allocates nothing per call.
/// </summary>
internal interface IActionProbe
{
    DecisionCode CodeAt(double value);
}

/// <summary>The decision with one measured signal set to a value (a missing one becomes measured).</summary>
internal readonly struct SignalProbe : IActionProbe
{
    private readonly EnergyState _state;
    private readonly DecisionContext _context;
    private readonly EngineConfig _config;
    private readonly Signal _signal;

    public SignalProbe(in EnergyState state, in DecisionContext context, EngineConfig config, Signal signal)
    {
        _state = state;
        _context = context;
        _config = config;
        _signal = signal;
    }

    public DecisionCode CodeAt(double value)
    {
        var changed = _state.With(_signal, value);
        return DecisionEngine.Decide(changed, _context, _config).Code;
    }
}

/// <summary>
/// The decision with one threshold set to a value. <see cref="ConfigKey.With"/> builds a new config record, so
/// this probe allocates one small object per call; the search keeps the calls few (geometric probing, bisection).
/// </summary>
internal readonly struct KeyProbe : IActionProbe
{
    private readonly EnergyState _state;
    private readonly DecisionContext _context;
    private readonly EngineConfig _config;
    private readonly ConfigKey _key;

    public KeyProbe(in EnergyState state, in DecisionContext context, EngineConfig config, ConfigKey key)
    {
        _state = state;
        _context = context;
        _config = config;
        _key = key;
    }

    public EngineConfig ConfigAt(double value) => _key.With(_config, value);

    public DecisionCode CodeAt(double value) => DecisionEngine.Decide(_state, _context, ConfigAt(value)).Code;
}
