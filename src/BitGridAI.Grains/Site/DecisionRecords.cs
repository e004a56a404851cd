using System.Collections.Immutable;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Site;

/// <summary>Turns an engine decision into the record that travels on the decision stream and is stored.</summary>
internal static class DecisionRecords
{
    public static DecisionRecord From(string siteId, string minerId, long sequence, in Decision decision,
        in EnergyState state, in DecisionContext context, EngineConfig config)
    {
        var info = decision.Info;
        var source = new ParamSource(state, context, config, decision);
        return new DecisionRecord(
            siteId,
            minerId,
            sequence,
            BlockClock.IdOf(decision.BlockIndex),
            info.Name,
            DecisionText.Of(info.Action),
            DecisionText.Of(decision.Mode),
            DecisionText.Of(decision.Trigger),
            decision.Explanation,
            info.ParamValues(source).ToImmutableDictionary(),
            [.. decision.Rejected.Members().Select(SignalInfo.Name)],
            [.. decision.Missing.Members().Select(SignalInfo.Name)],
            DecisionText.Of(decision.OverruledOverride),
            decision.HeldBackProposal == DecisionCode.Unknown ? null : decision.HeldBackProposal.ToString(),
            context.Now,
            BlockClock.ValidUntil(decision.BlockIndex))
        {
            Inputs = DecisionInputs.From(state, context),
            TargetW = decision.TargetW,
        };
    }
}
