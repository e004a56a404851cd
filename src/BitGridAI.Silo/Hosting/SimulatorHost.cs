using BitGridAI.Simulator;
using BitGridAI.Simulator.Protocols;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// Serves the simulated site's devices on loopback over their real protocols (SunSpec over Modbus, the miners'
/// APIs), so the standalone silo reaches them through the same drivers as real hardware.
/// </summary>
internal sealed class SimulatorHost(SimulatedSite site, SimulatedSiteOptions options) : IHostedService, IAsyncDisposable
{
    private SimulatorServers? _servers;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Protocols.Enabled)
        {
            return;
        }
        try
        {
            _servers = await SimulatorServers.StartAsync(site, options, cancellationToken);
        }
        catch (SimulatorPortInUseException e)
        {
            throw new StartupException($"{e.Message}. Set Simulator:Protocols:ModbusPort or Simulator:Miners:N:ApiPort (and the device's Port in Site:Devices) to a free port.");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_servers is { } servers)
        {
            _servers = null;
            await servers.DisposeAsync();
        }
    }
}
