using BitGridAI.Domain.Decisions;

namespace BitGridAI.Domain.Tests;

/// <summary>One row of a rule table: a situation in words, its inputs, and the decision RULES.md asks for.</summary>
public sealed record Case(string Description, Site Site, DecisionCode Expected, ActuatorState Overruled = ActuatorState.Unknown)
{
    /// <summary>Asserts the code and that an override is reported as overruled exactly when the row says so.</summary>
    public void AssertDecides()
    {
        var decision = Site.Decide();
        Assert.Equal(Expected, decision.Code);
        Assert.Equal(Overruled, decision.OverruledOverride);
    }

    public override string ToString() => $"{Description} → {Expected}";
}
