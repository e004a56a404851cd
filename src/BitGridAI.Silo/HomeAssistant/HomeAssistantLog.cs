namespace BitGridAI.Silo.HomeAssistant;

/// <summary>The Home Assistant bridge's log messages, generated.</summary>
internal static partial class HomeAssistantLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Home Assistant: connected to {Broker} as {ClientId}; discovery under {DiscoveryPrefix}, states and commands under {StatePrefix}")]
    public static partial void Connected(ILogger logger, string broker, string clientId, string discoveryPrefix, string statePrefix);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Home Assistant: broker {Broker} unreachable or lost ({Reason}); next attempt in {DelaySeconds} s")]
    public static partial void ConnectFailed(ILogger logger, string broker, string reason, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Home Assistant command on {Topic}: {Detail}")]
    public static partial void CommandDone(ILogger logger, string topic, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Home Assistant command refused on {Topic} ({Status}): {Detail}")]
    public static partial void CommandRefused(ILogger logger, string topic, int status, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Home Assistant: more than {PerMinute} commands in a minute; the rest of this minute's are dropped")]
    public static partial void CommandsThrottled(ILogger logger, int perMinute);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Home Assistant: {Count} command(s) were dropped in the last minute (HomeAssistant:CommandsPerMinute = {PerMinute})")]
    public static partial void CommandsDropped(ILogger logger, long count, int perMinute);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Home Assistant: a command could not be written to the event log: {Reason}")]
    public static partial void AuditFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Home Assistant: the site's state could not be read ({Reason}); trying again at the next update")]
    public static partial void ReadFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Home Assistant: publishing failed ({Reason}); everything is sent again after the next connect")]
    public static partial void PublishFailed(ILogger logger, string reason);
}
