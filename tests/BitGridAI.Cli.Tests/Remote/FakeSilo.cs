using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BitGridAI.Cli.Tests.Remote;

/// <summary>
/// A tiny HTTP server on a free loopback port that answers every request with what <see cref="Answer"/> says — the
/// silo's API as canned answers — and keeps each request it got. One request per connection.
/// </summary>
internal sealed class FakeSilo : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<SeenRequest> _requests = new();

    public FakeSilo(Func<SeenRequest, Canned> answer)
    {
        Answer = answer;
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public FakeSilo(Canned answer)
        : this(_ => answer)
    {
    }

    /// <summary>The answer to each request; a test may change it between runs.</summary>
    public Func<SeenRequest, Canned> Answer { get; set; }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public IReadOnlyList<SeenRequest> Requests => [.. _requests];

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadAsync(stream);
                _requests.Enqueue(request);
                var canned = Answer(request);
                if (canned.Hang)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                var body = Encoding.UTF8.GetBytes(canned.Body);
                var head = new StringBuilder($"HTTP/1.1 {canned.Status} {canned.Reason}\r\n");
                if (body.Length > 0 || canned.Status != 204)
                {
                    head.Append($"Content-Type: {canned.ContentType}\r\n");
                }
                foreach (var (name, value) in canned.Headers)
                {
                    head.Append($"{name}: {value}\r\n");
                }
                head.Append($"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
                await stream.WriteAsync(body);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // the console gave up (a timeout test) or the test ended
            }
        }
    }

    private static async Task<SeenRequest> ReadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("the client closed the connection before the request ended");
            }
            head.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : 0];
        await stream.ReadExactlyAsync(body);
        return new SeenRequest(requestLine[0], requestLine[1], headers.GetValueOrDefault("Authorization"), headers.GetValueOrDefault("Content-Type"), Encoding.UTF8.GetString(body));
    }
}
