using BitGridAI.Explain;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// One console line per recorded decision: <c>block &lt;block_id&gt; &lt;decision_code&gt; &lt;short text&gt;</c>, the short
/// text in the configured language and persona (<c>Explain:Language</c>, <c>Explain:Persona</c>). A site of several
/// miners names the miner, a silo of several sites the site, both when both apply:
/// <c>block &lt;block_id&gt; &lt;decision_code&gt; [miner-2] &lt;short text&gt;</c>, <c>… [site]</c>, <c>… [site/miner-2]</c>.
/// Without the name, a block's lines for different miners could not be told apart.
/// </summary>
internal sealed class ConsoleDecisionPrinter(TextWriter output, IReadOnlyList<SiteDefinition> sites, Language language, Persona persona) : IDecisionObserver
{
    private readonly Lock _gate = new();

    public void OnRecorded(DecisionRecord decision)
    {
        if (sites.FirstOrDefault(s => s.Id == decision.SiteId) is not { } site)
        {
            return;
        }
        var miner = site.Miners.FirstOrDefault(m => m.Id == decision.MinerId);
        // Runs in the recorder's turn: only the short text is printed, so no counterfactual search (the explanation grain does it).
        var text = RecordedDecisionExplainer.Explain(decision, miner is null ? site.Engine : site.EngineFor(miner), language, persona,
                searchCounterfactuals: false)?.ShortText
            ?? decision.Summary;
        lock (_gate)
        {
            output.WriteLine(Tag(site, decision.MinerId) is { } tag ? $"block {decision.BlockId} {decision.DecisionCode} [{tag}] {text}" : $"block {decision.BlockId} {decision.DecisionCode} {text}");
            output.Flush();
        }
    }

    private string? Tag(SiteDefinition site, string minerId)
    {
        var severalMiners = site.Miners.Skip(1).Any();
        return (sites.Count > 1, severalMiners) switch
        {
            (true, true) => $"{site.Id}/{minerId}",
            (true, false) => site.Id,
            (false, true) => minerId,
            _ => null,
        };
    }
}
