namespace BitGridAI.Adapters.Mqtt;

/// <summary>Why an MQTT message, or one value in it, did not become a sample. Counted per device.</summary>
public enum IngestProblem
{
    Unknown = 0,
    /// <summary>The payload is not JSON (or, for a plain-number mapping, not text).</summary>
    MalformedJson,
    /// <summary>Larger than <see cref="MqttTelemetryOptions.MaxPayloadBytes"/>; not read at all.</summary>
    Oversized,
    /// <summary>A value is a string, boolean, object or array where a number belongs.</summary>
    WrongType,
    /// <summary>The configured path is not in the payload.</summary>
    MissingPath,
    /// <summary>NaN or ±infinity (written as text, or a number too large for a double).</summary>
    NotFinite,
    /// <summary>A key in a BitGridAI telemetry payload that names no signal.</summary>
    UnknownSignal,
    /// <summary>A timestamp that is not RFC 3339 with an offset, nor Unix seconds.</summary>
    BadTimestamp,
    /// <summary>A topic under the device tree that is not <c>…/devices/{id}/telemetry</c>.</summary>
    UnknownTopic,
    /// <summary>A device id that no configured site has.</summary>
    UnknownDevice,
    /// <summary>The device grains fell behind by a whole queue: the sample was dropped.</summary>
    DroppedBackpressure,
    /// <summary>Handing the samples to the device grain failed.</summary>
    SinkFailed,
    /// <summary>A message on the telemetry topic of a device that is not configured to publish there (a polled device, or one mapped from its own topics).</summary>
    RefusedDevice,
    /// <summary>A signal the device is not configured to send (e.g. a miner temperature from a meter).</summary>
    RefusedSignal,
    /// <summary>A retained message without a timestamp of its own: its age is unknown, so it is not taken as fresh.</summary>
    StaleRetained,
}
