using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Silo.Hosting;

/// <summary>One console line per recorded decision: <c>block &lt;block_id&gt; &lt;decision_code&gt; &lt;short text&gt;</c>.</summary>
internal sealed class ConsoleDecisionPrinter(TextWriter output) : IDecisionObserver
{
    private readonly Lock _gate = new();

    public void OnRecorded(DecisionRecord decision)
    {
        lock (_gate)
        {
            output.WriteLine($"block {decision.BlockId} {decision.DecisionCode} {decision.Summary}");
            output.Flush();
        }
    }
}
