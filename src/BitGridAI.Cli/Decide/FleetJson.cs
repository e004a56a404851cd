using System.Text.Json;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Economics;
using BitGridAI.Domain.Fleet;
using BitGridAI.Explain;

namespace BitGridAI.Cli.Decide;

/// <summary>
/// <c>decide</c> with a <c>miners</c> array (docs/fleet.md): the block decided by fleet allocation. The top-level
/// fields are the decision of the first miner in priority order (so a reader of RULES.md §7's fields still finds a
/// decision), <c>fleet</c> sums the block up, and <c>miners</c> lists every miner's decision.
/// </summary>
internal static class FleetJson
{
    public static void Write(Utf8JsonWriter json, DecideRequest request, ExplainOptions? explain)
    {
        var members = request.Miners.Select(m => m.ToMember(request)).ToArray();
        var outcomes = FleetDecision.Decide(members, request.Config, request.Economics.Pricing(request.State, request.Miners));
        var order = members.Select((m, i) => i).OrderBy(i => members[i].Miner.Priority).ThenBy(i => members[i].Miner.Id, StringComparer.Ordinal).ToArray();
        var first = order[0];
        var lead = outcomes[first];
        var explanation = explain is null ? null
            : ExplanationJson.Explain(lead.Decision, request with { State = members[first].State, Context = lead.Context }, explain);
        DecisionJson.Write(json, lead.Decision, members[first].State, lead.Context, request.Config, explanation, more: w =>
        {
            var share = lead.Context.Fleet;
            w.WriteStartObject("fleet");
            DecisionJson.WriteNumber(w, "surplus_w", share is null || double.IsNaN(share.SurplusW) ? null : share.SurplusW);
            DecisionJson.WriteNumber(w, "reserve_w", request.Config.FleetReserveW);
            DecisionJson.WriteNumber(w, "allocated_w", outcomes.Sum(o => o.Decision.TargetW ?? 0));
            w.WriteNumber("running", outcomes.Count(o => o.Decision.TargetW > 0));
            w.WriteString("policy", EnergyPathPolicies.Name(request.Economics.Policy));
            w.WriteString("path", outcomes.Any(o => o.Decision.TargetW > 0) ? "mine" : "export");
            w.WriteEndObject();
            w.WriteStartArray("miners");
            foreach (var i in order)
            {
                var decision = outcomes[i].Decision;
                w.WriteStartObject();
                w.WriteString("id", members[i].Miner.Id);
                w.WriteNumber("priority", members[i].Miner.Priority);
                w.WriteString("action", DecisionText.Of(decision.Action));
                DecisionJson.WriteNumber(w, "target_w", decision.TargetW);
                if (DecisionText.Of(decision.Mode) is { } mode)
                {
                    w.WriteString("mode", mode);
                }
                else
                {
                    w.WriteNull("mode");
                }
                w.WriteString("decision_code", decision.Info.Name);
                // The block's values at its share (or at its top step when it got none), as the site logs them.
                var values = outcomes[i].Context.Fleet;
                DecisionJson.WriteNumber(w, "export_value_ct", values?.ExportCt);
                DecisionJson.WriteNumber(w, "mining_value_sats", values?.MiningSats);
                DecisionJson.WriteNumber(w, "mining_value_ct", values?.MiningCt);
                DecisionJson.WriteNumber(w, "heat_value_ct", values?.HeatCt);
                w.WriteString("summary", decision.Explanation);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
    }
}
