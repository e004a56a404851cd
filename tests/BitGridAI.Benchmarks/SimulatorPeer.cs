using BitGridAI.Simulator;
using BitGridAI.Simulator.Protocols;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Benchmarks;

/// <summary>
/// A simulated site serving its real protocols (SunSpec over Modbus TCP, each miner's firmware API) on free
/// loopback ports: the peer the drivers talk to when a benchmark measures over the wire. Its clock is a fake
/// that stands at a June noon, so nothing steps the site underneath a measurement; random fan failures and
/// losses of contact are off, so every request is answered.
/// </summary>
internal sealed class SimulatorPeer(SimulatedSiteOptions options, FakeTimeProvider clock, SimulatedSite site, SimulatorServers servers) : IAsyncDisposable
{
    public SimulatedSiteOptions Options => options;

    public FakeTimeProvider Clock => clock;

    public SimulatedSite Site => site;

    public SimulatorServers Servers => servers;

    public static async Task<SimulatorPeer> StartAsync(IEnumerable<SimulatedMinerOptions> miners)
    {
        var options = new SimulatedSiteOptions { FanFailuresPerDay = 0, CommLossesPerDay = 0, Miners = [.. miners] };
        options.Protocols.ModbusPort = 0;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 21, 11, 50, 0, TimeSpan.Zero));
        var site = new SimulatedSite(options, clock);
        clock.Advance(TimeSpan.FromMinutes(10)); // some site steps first, so PV, battery and meter read like a working site
        return new SimulatorPeer(options, clock, site, await SimulatorServers.StartAsync(site, options, CancellationToken.None));
    }

    public ValueTask DisposeAsync() => servers.DisposeAsync();
}
