using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Ports;

/// <summary>Told of every decision once it is recorded (the silo prints one console line per decision).</summary>
public interface IDecisionObserver
{
    void OnRecorded(DecisionRecord decision);
}
