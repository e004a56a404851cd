using Microsoft.Extensions.Logging;

namespace BitGridAI.Grains;

/// <summary>The grains' log messages, generated (no boxing, no parsing of templates on the hot path).</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Device}: {Reason} (failure {Count})")]
    public static partial void DeviceUnreachable(ILogger logger, string device, string reason, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Miner}: command {CommandId} ({Action}) was not taken: {Reason}")]
    public static partial void CommandFailed(ILogger logger, string miner, string commandId, string action, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "site {Site}: block {BlockId} was already finalized; its stored decisions stand")]
    public static partial void BlockAlreadyFinalized(ILogger logger, string site, string blockId);

    [LoggerMessage(Level = LogLevel.Error, Message = "site {Site}: block {Block} could not be finalized in storage ({Reason}); decided from memory")]
    public static partial void BlockNotStored(ILogger logger, string site, string block, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "site {Site}: the event log cannot be written ({Reason}); {Waiting} record(s) wait and are written when it can; control goes on")]
    public static partial void RecordingFailed(ILogger logger, string site, string reason, int waiting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "site {Site}: the event log is written again; {Written} waiting record(s) written, the chain has no gap")]
    public static partial void RecordingResumed(ILogger logger, string site, int written);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Device}: an I/O outcome could not be handed back to the grain: {Reason}")]
    public static partial void HandBackFailed(ILogger logger, string device, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Miner}: the STOP was not taken ({Reason}); opening relay {Relay}")]
    public static partial void StopNotTaken(ILogger logger, string miner, string reason, string? relay);
}
