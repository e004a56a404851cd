using System.Net;
using System.Text;

namespace BitGridAI.Adapters.Tests;

/// <summary>A test double for a Bitaxe's AxeOS HTTP API, replying in its recorded format.</summary>
internal sealed class FakeAxeOs : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public FakeAxeOs(string info)
    {
        Port = PeerProcess.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        Info = info;
        _loop = ServeAsync();
    }

    public int Port { get; }

    public string Info { get; set; }

    public List<string> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
            // stopped
        }
        catch (ObjectDisposedException)
        {
            // stopped
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using var body = new StreamReader(context.Request.InputStream);
            var content = await body.ReadToEndAsync();
            var request = $"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} {content}".Trim();
            lock (Requests)
            {
                Requests.Add(request);
            }
            var (status, reply) = request switch
            {
                "GET /api/system/info" => (200, Info),
                _ when request.StartsWith("PATCH /api/system", StringComparison.Ordinal) && request.Contains("\"frequency\":900", StringComparison.Ordinal) => (400, "out of range"),
                _ when request.StartsWith("PATCH /api/system", StringComparison.Ordinal) => (200, ""),
                "POST /api/system/pause" or "POST /api/system/resume" => (200, ""),
                _ => (404, "not found"),
            };
            context.Response.StatusCode = status;
            var bytes = Encoding.UTF8.GetBytes(reply);
            // A stated length, not chunked: HttpListener could end an empty chunked reply twice ("0\r\n\r\n"), and the
            // client then read the stray "0" as the status line of its next reply on the kept-alive connection (CI flake).
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
