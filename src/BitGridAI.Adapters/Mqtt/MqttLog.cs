using Microsoft.Extensions.Logging;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>The MQTT adapter's log messages, generated (no template parsing on the message path).</summary>
internal static partial class MqttLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT telemetry from {Device}: {Problem} (seen {Count} times): {Detail}")]
    public static partial void BadInput(ILogger logger, string device, string problem, long count, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT telemetry connected to {Broker} as {ClientId}; listening on {Topics}")]
    public static partial void Connected(ILogger logger, string broker, string clientId, string topics);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT telemetry: {Broker} unreachable or lost ({Reason}); next attempt in {DelaySeconds} s")]
    public static partial void ConnectFailed(ILogger logger, string broker, string reason, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT telemetry: device '{Device}' is mapped in MqttTelemetry:Devices but no configured site has it; its messages are counted as unknown_device")]
    public static partial void UnknownMappedDevice(ILogger logger, string device);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT telemetry: publishing the decision for {Miner} failed ({Reason}); it is sent again after the next connect")]
    public static partial void DecisionPublishFailed(ILogger logger, string miner, string reason);
}
