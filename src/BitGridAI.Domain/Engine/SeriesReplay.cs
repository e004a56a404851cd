using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;

namespace BitGridAI.Domain.Engine;

/// <summary>
/// Runs a time series through the engine as a live site would (RULES.md §7): one evaluation per block,
/// the actuator following each command, blocks_since_change and the lockout clock advancing by the
/// blocks elapsed. Used by replay, the synthetic series and the demo.
/// </summary>
public sealed class SeriesReplay(EngineConfig config, DecisionContext template)
{
    private ActuatorTrack _track = ActuatorTrack.Initial;
    private long? _lastBlock;

    public ActuatorTrack Track => _track;

    /// <summary>A row must fall in a later block than the one before it.</summary>
    public bool Accepts(DateTimeOffset time) => _lastBlock is not { } last || BlockClock.IndexOf(time) > last;

    /// <summary>Evaluates the block that <paramref name="time"/> falls in; the block's start is the evaluation time.</summary>
    public Decision Step(in EnergyState state, DateTimeOffset time, out DecisionContext context)
    {
        if (!Accepts(time))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "not in a later block than the previous row");
        }
        var block = BlockClock.IndexOf(time);
        context = _track.Context(template, BlockClock.StartOf(block), block);
        var decision = DecisionEngine.Decide(state, context, config);
        _track = _track.After(decision);
        _lastBlock = block;
        return decision;
    }
}
