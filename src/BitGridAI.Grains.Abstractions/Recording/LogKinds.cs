namespace BitGridAI.Grains.Abstractions.Recording;

/// <summary>What an event-log record is. Stable strings: add, never rename.</summary>
public static class LogKinds
{
    /// <summary>A closed block: the aggregated telemetry of its window (<see cref="BlockBody"/>).</summary>
    public const string Block = "block";

    /// <summary>A block or override decision (a <c>DecisionRecord</c> with its inputs and config hash).</summary>
    public const string Decision = "decision";

    /// <summary>A decision of the safety path between ticks (trigger SAFETY_ASYNC).</summary>
    public const string Safety = "safety";

    /// <summary>An override request, accepted or refused (<see cref="OverrideBody"/>).</summary>
    public const string Override = "override";

    /// <summary>A change of the autonomy level (<see cref="AutonomyBody"/>).</summary>
    public const string Autonomy = "autonomy";

    /// <summary>A configuration version (a <see cref="SiteConfigDocument"/>), stored once, when first used.</summary>
    public const string Config = "config";

    /// <summary>The research toggle switched on or off (<see cref="ResearchBody"/>).</summary>
    public const string Research = "research";

    /// <summary>A research export written (<see cref="ExportBody"/>).</summary>
    public const string Export = "export";

    /// <summary>A control request through the API, accepted or refused, with its token's name (<see cref="ControlBody"/>).</summary>
    public const string Control = "control";

    public static IReadOnlyList<string> All { get; } = [Block, Decision, Safety, Override, Autonomy, Config, Research, Export, Control];
}
