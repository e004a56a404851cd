using System.Net;
using System.Net.Sockets;
using System.Text;
using BitGridAI.Adapters.Miners;

namespace BitGridAI.Adapters.Tests;

/// <summary>
/// The AxeOS client against a bare TCP server that answers as a hostile or broken device might: a redirect
/// elsewhere is not followed, and a body beyond 64 KiB is refused, announced or not.
/// </summary>
public sealed class AxeOsLimitsTests
{
    [Fact]
    public async Task ARedirectIsRefusedAndItsTargetNeverAsked()
    {
        await using var target = new RawHttpServer(_ => Ok("{\"power\":15}"));
        await using var device = new RawHttpServer(_ => $"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{target.Port}/api/system/info\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var client = AxeOsClient.Create("127.0.0.1", device.Port, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<MinerApiException>(() => client.ReadAsync());

        Assert.Contains("redirect (302)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, device.Requests);
        Assert.Equal(0, target.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABodyOver64KiBIsRefused(bool announced)
    {
        var body = "{\"power\":15,\"pad\":\"" + new string('x', 200_000) + "\"}";
        await using var device = new RawHttpServer(_ => announced
            ? Ok(body)
            : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n" + body);
        var client = AxeOsClient.Create("127.0.0.1", device.Port, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<MinerApiException>(() => client.ReadAsync());

        Assert.Contains("more than 65536 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplyThatIsNotAnObjectIsAMinerApiError()
    {
        await using var device = new RawHttpServer(_ => Ok("[15.2, 61.5]"));
        var client = AxeOsClient.Create("127.0.0.1", device.Port, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<MinerApiException>(() => client.ReadAsync());

        Assert.Contains("a JSON array, not an object", error.Message, StringComparison.Ordinal);
    }

    private static string Ok(string body) =>
        $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";

    /// <summary>Reads a request's head, writes the canned response and closes: no HTTP stack that could tidy the answer up.</summary>
    private sealed class RawHttpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _serving;
        private int _requests;

        public RawHttpServer(Func<string, string> respond)
        {
            _listener.Start();
            _serving = ServeAsync(respond);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Requests => Volatile.Read(ref _requests);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _serving;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
            _stop.Dispose();
        }

        private async Task ServeAsync(Func<string, string> respond)
        {
            while (!_stop.IsCancellationRequested)
            {
                using var socket = await _listener.AcceptSocketAsync(_stop.Token);
                var head = new StringBuilder();
                var buffer = new byte[4096];
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var n = await socket.ReceiveAsync(buffer, _stop.Token);
                    if (n == 0)
                    {
                        break;
                    }
                    head.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
                Interlocked.Increment(ref _requests);
                try
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(respond(head.ToString())), _stop.Token);
                    socket.Shutdown(SocketShutdown.Both);
                }
                catch (SocketException)
                {
                    // the client stopped reading at its cap and closed
                }
            }
        }
    }
}
