using System.Net.Sockets;
using BitGridAI.Adapters.Miners;
using BitGridAI.Adapters.Modbus;
using BitGridAI.Adapters.SunSpec;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Adapters.Drivers;

/// <summary>
/// The grains' device, miner and relay ports over the configured drivers. Every protocol failure becomes a
/// <see cref="DeviceUnreachableException"/> with the driver's reason, which the grains turn into health and
/// a missing signal. Polls of a failing device back off (<see cref="Backoff"/>); commands never do: a
/// safety stop is always tried. Devices that push their telemetry (MQTT) have nothing to poll.
/// </summary>
public sealed class DriverPorts : IDevicePort, IMinerPort, IRelayPort, IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, IDeviceDriver> _devices;
    private readonly IReadOnlyDictionary<string, IRelayDriver> _relays;
    private readonly IRelayPort? _otherRelays;
    private readonly SiteClock _siteClock;
    private readonly TimeProvider _realTime;
    private readonly Backoff _backoff;
    private readonly IReadOnlyList<IAsyncDisposable> _connections;
    private readonly Dictionary<string, (int Failures, DateTimeOffset NextTry)> _failing = [];
    private readonly Lock _gate = new();

    /// <param name="devices">Polled devices by id; a pushed device is listed with no driver (null).</param>
    /// <param name="relays">Relays this port switches itself.</param>
    /// <param name="otherRelays">Relays switched elsewhere (MQTT plugs), or null.</param>
    /// <param name="siteClock">Stamps readings in site time, when the device's reply is in.</param>
    /// <param name="realTime">Times the backoff.</param>
    /// <param name="backoff">Null for <see cref="Backoff.Default"/>.</param>
    /// <param name="connections">Connections the drivers share (one Modbus TCP client per host and port), closed with the ports.</param>
    public DriverPorts(
        IReadOnlyDictionary<string, IDeviceDriver?> devices,
        IReadOnlyDictionary<string, IRelayDriver> relays,
        IRelayPort? otherRelays,
        SiteClock siteClock,
        TimeProvider realTime,
        Backoff? backoff = null,
        IReadOnlyList<IAsyncDisposable>? connections = null)
    {
        _connections = connections ?? [];
        _devices = devices.Where(d => d.Value is not null).ToDictionary(d => d.Key, d => d.Value!, StringComparer.Ordinal);
        Pushed = devices.Where(d => d.Value is null).Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        _relays = relays;
        _otherRelays = otherRelays;
        _siteClock = siteClock;
        _realTime = realTime;
        _backoff = backoff ?? Backoff.Default;
    }

    /// <summary>Devices whose telemetry is pushed, not polled.</summary>
    public IReadOnlySet<string> Pushed { get; }

    public async ValueTask<IReadOnlyList<TelemetrySample>> ReadAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (Pushed.Contains(deviceId))
        {
            return [];
        }
        var driver = Driver(deviceId);
        lock (_gate)
        {
            if (_failing.TryGetValue(deviceId, out var failing) && _realTime.GetUtcNow() < failing.NextTry)
            {
                throw new DeviceUnreachableException(deviceId, $"{failing.Failures} failed poll(s) in a row; next try at {failing.NextTry:HH:mm:ss}", "backoff");
            }
        }
        try
        {
            var readings = await Translated(deviceId, () => driver.ReadAsync(cancellationToken), cancellationToken);
            lock (_gate)
            {
                _failing.Remove(deviceId);
            }
            // Stamped when the reply is in: the device read its values when it answered, not when it was
            // asked, and a slow first connection must not make fresh readings look old.
            var at = _siteClock.Now;
            return [.. readings.Select(r => new TelemetrySample(r.Signal, r.Value, at))];
        }
        catch (DeviceUnreachableException)
        {
            lock (_gate)
            {
                var failures = (_failing.TryGetValue(deviceId, out var f) ? f.Failures : 0) + 1;
                _failing[deviceId] = (failures, _realTime.GetUtcNow() + _backoff.After(failures));
            }
            throw;
        }
    }

    public ValueTask SendAsync(string minerId, MinerCommand command, CancellationToken cancellationToken) =>
        Translated(minerId, async () =>
        {
            await Miner(minerId).SendAsync(command, cancellationToken);
            return true;
        }, cancellationToken).AsValueTaskVoid();

    public ValueTask<MinerMode> ReadModeAsync(string minerId, CancellationToken cancellationToken) =>
        Translated(minerId, () => Miner(minerId).ReadModeAsync(cancellationToken), cancellationToken);

    public ValueTask SwitchAsync(string relayId, bool on, CancellationToken cancellationToken)
    {
        if (_relays.TryGetValue(relayId, out var relay))
        {
            return Translated(relayId, async () =>
            {
                await relay.SwitchAsync(on, cancellationToken);
                return true;
            }, cancellationToken).AsValueTaskVoid();
        }
        return _otherRelays?.SwitchAsync(relayId, on, cancellationToken) ?? throw new DeviceUnreachableException(relayId, "no such relay is configured");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in _devices.Values.Cast<object>().Concat(_relays.Values).OfType<IAsyncDisposable>().Concat(_connections))
        {
            await disposable.DisposeAsync();
        }
    }

    private IDeviceDriver Driver(string deviceId) =>
        _devices.GetValueOrDefault(deviceId) ?? throw new DeviceUnreachableException(deviceId, "no driver is configured for it");

    private IMinerDriver Miner(string minerId) =>
        Driver(minerId) as IMinerDriver ?? throw new DeviceUnreachableException(minerId, "it is not a miner");

    /// <summary>Runs a driver call; protocol failures become <see cref="DeviceUnreachableException"/>, cancellation by the caller stays cancellation.</summary>
    private static async ValueTask<T> Translated<T>(string deviceId, Func<ValueTask<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (FailureKind(e, cancellationToken) is { } kind)
        {
            throw new DeviceUnreachableException(deviceId, e.Message, kind);
        }
    }

    /// <summary>What kind of device failure an exception is, or null when it is not one (a bug, or the caller cancelling).</summary>
    private static string? FailureKind(Exception e, CancellationToken cancellationToken) => e switch
    {
        ModbusException modbus => $"modbus_exception_{modbus.ExceptionCode}",
        RelayUnconfirmedException => RelayUnconfirmedException.Kind,
        ModbusProtocolException { IsTimeout: true } or TimeoutException => "timeout",
        ModbusProtocolException { InnerException: IOException or SocketException } or IOException or SocketException or HttpRequestException => "connection",
        ModbusProtocolException => "framing",
        SunSpecException => "sunspec",
        MinerApiException => "miner_api",
        OperationCanceledException when !cancellationToken.IsCancellationRequested => "timeout",
        _ => null,
    };
}

internal static class ValueTaskExtensions
{
    public static async ValueTask AsValueTaskVoid<T>(this ValueTask<T> task) => await task;
}
