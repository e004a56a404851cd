using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Explaining;

/// <summary>The recent decisions of a site with their explanation in the configured language, newest last.</summary>
[GenerateSerializer, Alias("bitgrid.state.Explanations")]
internal sealed class ExplanationGrainState
{
    [Id(0)] public List<KeptExplanation> Recent { get; set; } = [];
}

/// <summary>A decision as recorded (enough to explain it again in any language) and its short text as first rendered.</summary>
[GenerateSerializer, Alias("bitgrid.state.KeptExplanation")]
internal sealed class KeptExplanation
{
    [Id(0)] public DecisionRecord Decision { get; set; } = null!;
    [Id(1)] public string ShortText { get; set; } = "";
}
