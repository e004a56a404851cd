using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace BitGridAI.Adapters.Tests;

/// <summary>
/// A test double for cgminer-family firmware (no real one installs here): one request per connection,
/// the reply in the firmware's recorded format (NUL terminator, malformed JSON included), then close.
/// </summary>
internal sealed class FakeCgminer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, string> _replies;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeCgminer(Dictionary<string, string> replies)
    {
        _replies = replies;
        _listener.Start();
        _loop = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public List<string> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var read = await stream.ReadAsync(buffer, _stop.Token);
            using var request = JsonDocument.Parse(buffer.AsMemory(0, read));
            var command = request.RootElement.GetProperty("command").GetString()!;
            var parameter = request.RootElement.GetProperty("parameter").GetString();
            lock (Requests)
            {
                Requests.Add($"{command}|{parameter}");
            }
            var reply = _replies.TryGetValue(command, out var r) ? r : """{"STATUS":[{"STATUS":"E","Msg":"Invalid command"}]}""";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\0"), _stop.Token);
        }
    }
}
