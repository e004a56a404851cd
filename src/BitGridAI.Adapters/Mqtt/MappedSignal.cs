using BitGridAI.Domain.Signals;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>A checked <see cref="MqttSignalMapping"/>: the paths parsed, the signal resolved. A null value path reads a plain-number payload.</summary>
internal sealed record MappedSignal(string DeviceId, Signal Signal, JsonPath? Value, double Scale, double Offset, JsonPath? Time);
