using System.Buffers;
using System.Collections.Concurrent;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// Turns one received MQTT message into samples for device grains: mapped device topics first, then
/// BitGridAI's own <c>…/devices/{id}/telemetry</c> tree. Every message that yields nothing is counted
/// against a device and a reason; nothing here throws for bad input.
/// </summary>
public sealed class TelemetryDecoder
{
    /// <summary>Topic strings repeat; resolving each once keeps the message path to one lookup.</summary>
    private const int MaxCachedTopics = 10_000;

    private readonly TelemetryTopics _topics;
    private readonly Dictionary<string, MappedSignal[]> _mapped;
    private readonly Dictionary<string, int> _schemaSignals;
    private readonly ConcurrentDictionary<string, SchemaTopic> _schemaTopics = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _knows;
    private readonly IngestCounters _counters;
    private readonly Func<string, TelemetrySample, bool> _emit;
    private readonly int _maxPayloadBytes;

    /// <param name="options">Checked options (see <see cref="MqttTelemetryOptionsValidator"/>).</param>
    /// <param name="knows">Whether a configured site has the device.</param>
    /// <param name="counters">Where bad input is counted.</param>
    /// <param name="emit">Takes a sample; false when it could not be queued (already counted there).</param>
    public TelemetryDecoder(MqttTelemetryOptions options, Func<string, bool> knows, IngestCounters counters, Func<string, TelemetrySample, bool> emit)
    {
        _topics = new TelemetryTopics(options.TopicPrefix, options.Site);
        _knows = knows;
        _counters = counters;
        _emit = emit;
        _maxPayloadBytes = options.MaxPayloadBytes;
        _mapped = options.Devices
            .SelectMany(d => d.Signals.Select(s => (s.Topic, Signal: Plan(d.Id, s))))
            .GroupBy(p => p.Topic, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Signal).ToArray(), StringComparer.Ordinal);
        _schemaSignals = options.SchemaDevices.ToDictionary(d => d.Id, d => SignalMask(d), StringComparer.Ordinal);
        Subscriptions = [_topics.DeviceFilter, .. _mapped.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The topic filters to subscribe to: the device tree and every mapped topic.</summary>
    public IReadOnlyList<string> Subscriptions { get; }

    /// <summary>Mapped device ids no configured site has (their messages count as <c>unknown_device</c>).</summary>
    public IEnumerable<string> UnknownMappedDevices() =>
        _mapped.Values.SelectMany(s => s).Select(s => s.DeviceId).Distinct(StringComparer.Ordinal).Where(d => !_knows(d));

    /// <param name="topic">Where the message was published.</param>
    /// <param name="payload">Its bytes, unread.</param>
    /// <param name="receivedAt">Site time of receipt: the stamp of a message without a timestamp of its own.</param>
    /// <param name="retained">
    /// The broker replayed it from its store on subscribe: without a timestamp of its own its age is
    /// unknown, so it is dropped (<c>stale_retained</c>) rather than stamped as if it had just been measured.
    /// </param>
    public void Decode(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt, bool retained = false)
    {
        _counters.MessageReceived();
        if (_mapped.Count > 0 && _mapped.TryGetValue(topic, out var mapped))
        {
            DecodeMapped(topic, payload, mapped, receivedAt, retained);
            return;
        }
        var (kind, device) = Resolve(topic);
        if (kind == SchemaTopicKind.Elsewhere)
        {
            _counters.Record("(none)", IngestProblem.UnknownTopic, $"nothing reads '{topic}'");
        }
        else if (kind == SchemaTopicKind.NotTelemetry)
        {
            _counters.Record(device, IngestProblem.UnknownTopic, $"'{topic}' is not {_topics.Telemetry("{device}")}");
        }
        else if (kind == SchemaTopicKind.UnknownDevice)
        {
            _counters.Record(device, IngestProblem.UnknownDevice, $"no configured site has a device '{device}' ({topic})");
        }
        else if (!_schemaSignals.TryGetValue(device, out var allowed))
        {
            _counters.Record(device, IngestProblem.RefusedDevice, $"'{device}' is not configured to publish on {topic} (a polled device, or one read from its own topics)");
        }
        else if (payload.Length > _maxPayloadBytes)
        {
            _counters.Record(device, IngestProblem.Oversized, $"{payload.Length} bytes (limit {_maxPayloadBytes})");
        }
        else
        {
            SchemaPayload.Decode(payload, device, allowed, retained ? null : receivedAt, _counters, _emit);
        }
    }

    private void DecodeMapped(string topic, ReadOnlySequence<byte> payload, MappedSignal[] mapped, DateTimeOffset receivedAt, bool retained)
    {
        var known = mapped;
        if (mapped.Any(m => !_knows(m.DeviceId)))
        {
            foreach (var device in mapped.Select(m => m.DeviceId).Where(d => !_knows(d)).Distinct(StringComparer.Ordinal))
            {
                _counters.Record(device, IngestProblem.UnknownDevice, $"no configured site has a device '{device}' ({topic})");
            }
            known = [.. mapped.Where(m => _knows(m.DeviceId))];
        }
        if (payload.Length > _maxPayloadBytes)
        {
            foreach (var device in known.Select(m => m.DeviceId).Distinct(StringComparer.Ordinal))
            {
                _counters.Record(device, IngestProblem.Oversized, $"{payload.Length} bytes on {topic} (limit {_maxPayloadBytes})");
            }
            return;
        }
        if (known.Length > 0)
        {
            MappedPayload.Decode(payload, known, retained ? null : receivedAt, _counters, _emit);
        }
    }

    /// <summary>What a topic outside the mappings is, resolved once per distinct topic.</summary>
    private SchemaTopic Resolve(string topic)
    {
        if (_schemaTopics.TryGetValue(topic, out var resolved))
        {
            return resolved;
        }
        resolved = !_topics.IsUnderDevices(topic) ? new SchemaTopic(SchemaTopicKind.Elsewhere, "(none)")
            : !_topics.TryDevice(topic, out var device) ? new SchemaTopic(SchemaTopicKind.NotTelemetry, device)
            : new SchemaTopic(_knows(device) ? SchemaTopicKind.Telemetry : SchemaTopicKind.UnknownDevice, device);
        if (_schemaTopics.Count < MaxCachedTopics)
        {
            _schemaTopics.TryAdd(topic, resolved);
        }
        return resolved;
    }

    private enum SchemaTopicKind
    {
        Unknown = 0,
        Telemetry,
        UnknownDevice,
        NotTelemetry,
        Elsewhere,
    }

    private readonly record struct SchemaTopic(SchemaTopicKind Kind, string Device);

    /// <summary>The signals a schema device may send, as bits by signal number (validated names; an unknown one allows nothing).</summary>
    private static int SignalMask(MqttSchemaDevice device) =>
        device.Signals.Aggregate(0, (mask, name) => SignalInfo.TryParse(name, out var signal) ? mask | (1 << (int)signal) : mask);

    private static MappedSignal Plan(string deviceId, MqttSignalMapping mapping)
    {
        // The validator has accepted these; a failure here is a caller that skipped it.
        if (!SignalInfo.TryParse(mapping.Signal, out var signal))
        {
            throw new ArgumentException($"device '{deviceId}': '{mapping.Signal}' is no signal (check the options with MqttTelemetryOptionsValidator)", nameof(mapping));
        }
        // A unit folds into the scale and offset: (n × Scale + Offset) × factor + shift.
        var (factor, shift) = mapping.Unit.Length > 0 && SignalUnits.TryConversion(signal, mapping.Unit, out var f, out var o) ? (f, o) : (1.0, 0.0);
        return new MappedSignal(deviceId, signal, PathOrNull(mapping.JsonPath), mapping.Scale * factor, (mapping.Offset * factor) + shift, PathOrNull(mapping.TimestampPath));
    }

    private static JsonPath? PathOrNull(string text) =>
        string.IsNullOrEmpty(text) ? null
        : JsonPath.TryParse(text, out var path, out var error) ? path
        : throw new ArgumentException(error, nameof(text));
}
