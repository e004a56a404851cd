using System.Net;
using System.Net.Sockets;

namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// The listening side of a simulated miner's API, tied to the miner's power: it refuses connections while the
/// miner's relay is open (a device without power has no network stack) and listens again on the same port
/// when the relay closes. It binds at start even without power, so a taken port is found at once.
/// </summary>
internal sealed class MinerApiListener : IAsyncDisposable
{
    private readonly SimulatedSite _site;
    private readonly string _minerId;
    private readonly LoopbackTcpService _service;

    private MinerApiListener(SimulatedSite site, string minerId, LoopbackTcpService service)
    {
        _site = site;
        _minerId = minerId;
        _service = service;
    }

    public int Port => _service.Port;

    public static MinerApiListener Start(
        SimulatedSite site, string minerId, IPAddress address, int port, string purpose, Func<TcpClient, CancellationToken, Task> handle)
    {
        var listener = new MinerApiListener(site, minerId, new LoopbackTcpService(address, port, purpose, handle));
        listener._service.Listen();
        site.MinerPowerChanged += listener.OnPowerChanged;
        if (!site.ReadMinerNow(minerId).Powered)
        {
            listener._service.StopListening();
        }
        return listener;
    }

    /// <summary>What a miner that lost contact does with a request: nothing, until the client gives up and closes.</summary>
    public static async Task HangAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var sink = new byte[256];
        while (await stream.ReadAsync(sink, cancellationToken) > 0)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _site.MinerPowerChanged -= OnPowerChanged;
        await _service.DisposeAsync();
    }

    private void OnPowerChanged(string minerId, bool powered)
    {
        if (minerId != _minerId)
        {
            return;
        }
        if (!powered)
        {
            _service.StopListening();
            return;
        }
        try
        {
            _service.Listen();
        }
        catch (Exception e) when (e is SimulatorPortInUseException or ObjectDisposedException)
        {
            // Someone took the port while the miner was off, or the server is stopping: the miner stays unreachable.
        }
    }
}
