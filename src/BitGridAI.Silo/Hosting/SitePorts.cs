using BitGridAI.Adapters.Drivers;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// The grains' ports over several sites' drivers (cluster mode): each call goes to the drivers of the site that owns
/// the device. Device ids are unique across the cluster's sites (checked at start), so the id alone routes.
/// </summary>
internal sealed class SitePorts : IDevicePort, IMinerPort, IRelayPort, IAsyncDisposable
{
    private readonly Dictionary<string, DriverPorts> _byDevice = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<DriverPorts> _sites;

    /// <param name="sites">Each site's device ids and its drivers.</param>
    public SitePorts(IReadOnlyList<(IEnumerable<string> DeviceIds, DriverPorts Ports)> sites)
    {
        foreach (var (ids, ports) in sites)
        {
            foreach (var id in ids)
            {
                _byDevice[id] = ports;
            }
        }
        _sites = [.. sites.Select(s => s.Ports)];
    }

    public ValueTask<IReadOnlyList<TelemetrySample>> ReadAsync(string deviceId, CancellationToken cancellationToken) =>
        Of(deviceId).ReadAsync(deviceId, cancellationToken);

    public ValueTask SendAsync(string minerId, MinerCommand command, CancellationToken cancellationToken) =>
        Of(minerId).SendAsync(minerId, command, cancellationToken);

    public ValueTask<MinerMode> ReadModeAsync(string minerId, CancellationToken cancellationToken) =>
        Of(minerId).ReadModeAsync(minerId, cancellationToken);

    public ValueTask SwitchAsync(string relayId, bool on, CancellationToken cancellationToken) =>
        Of(relayId).SwitchAsync(relayId, on, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var ports in _sites)
        {
            await ports.DisposeAsync();
        }
    }

    private DriverPorts Of(string deviceId) => _byDevice.TryGetValue(deviceId, out var ports)
        ? ports
        : throw new DeviceUnreachableException(deviceId, "no configured site has this device");
}
