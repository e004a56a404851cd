using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Recording;

/// <summary>Turns what happened at a site into event-log entries, with the keys that keep a repeated record out.</summary>
public static class LogEntries
{
    public static LogEntry Of(DecisionRecord decision) => new(
        decision.Trigger == "SAFETY_ASYNC" ? LogKinds.Safety : LogKinds.Decision,
        decision.SiteId,
        decision.DecidedAt,
        DecisionKey(decision),
        LogJson.Write(decision));

    /// <summary>
    /// The site's sequence number: a decision published again (after a crash, before its acknowledgement) keeps it,
    /// while two safety stops with the same code in one block (a miner that resumed on its own and was stopped
    /// again) are two records.
    /// </summary>
    public static string DecisionKey(DecisionRecord decision) => $"decision:{decision.SiteId}:{decision.Sequence}";

    public static LogEntry Of(BlockRecord block, string? configHash) => new(
        LogKinds.Block,
        block.SiteId,
        block.WindowEnd,
        $"block:{block.SiteId}:{block.BlockId}",
        LogJson.Write(new BlockBody(block.BlockId, block.WindowStart, block.WindowEnd, block.Telemetry,
            [.. block.Decisions.Select(d => d.Sequence)], configHash) { EnergyPath = block.EnergyPath }));

    public static LogEntry Of(SiteConfigDocument config, string siteId, DateTimeOffset at) =>
        new(LogKinds.Config, siteId, at, $"config:{config.Hash}", config.Json);

    public static LogEntry Of(string siteId, DateTimeOffset at, OverrideBody body) => new(LogKinds.Override, siteId, at, null, LogJson.Write(body));

    public static LogEntry Of(string siteId, DateTimeOffset at, AutonomyBody body) => new(LogKinds.Autonomy, siteId, at, null, LogJson.Write(body));

    public static LogEntry Of(string siteId, DateTimeOffset at, ResearchBody body) => new(LogKinds.Research, siteId, at, null, LogJson.Write(body));

    public static LogEntry Of(string siteId, DateTimeOffset at, ExportBody body) => new(LogKinds.Export, siteId, at, null, LogJson.Write(body));

    public static LogEntry Of(string siteId, DateTimeOffset at, ControlBody body) => new(LogKinds.Control, siteId, at, null, LogJson.Write(body));
}
