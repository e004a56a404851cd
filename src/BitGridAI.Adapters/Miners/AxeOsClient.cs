using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BitGridAI.Adapters.Miners;

/// <summary>
/// Bitaxe AxeOS over HTTP: <c>GET /api/system/info</c> for the state, <c>PATCH /api/system</c> for
/// frequency and core voltage (400: out of range, 401: this network may not change it), and
/// <c>POST /api/system/pause</c> / <c>resume</c> to stop and start mining. A reply is read up to
/// <see cref="MaxReplyBytes"/> and never followed to another address (see <see cref="Create"/>).
/// </summary>
public sealed class AxeOsClient(HttpClient http)
{
    /// <summary>/api/system/info is about 2 KiB; a larger answer is not AxeOS, and is not read into memory.</summary>
    public const int MaxReplyBytes = 64 * 1024;

    private const int MaxDepth = 16;

    /// <summary>
    /// A client for the Bitaxe at <paramref name="host"/>:<paramref name="port"/> that does not follow
    /// redirects (a miner on the LAN has no reason to send its controller elsewhere) and buffers at most
    /// <see cref="MaxReplyBytes"/>.
    /// </summary>
    public static AxeOsClient Create(string host, int port, TimeSpan timeout) =>
        new(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri($"http://{host}:{port}"),
            Timeout = timeout,
            MaxResponseContentBufferSize = MaxReplyBytes,
        });

    public async Task<MinerReading> ReadAsync(CancellationToken cancellationToken = default) =>
        Parse(await GetInfoAsync(cancellationToken));

    public Task PauseAsync(CancellationToken cancellationToken = default) => PostAsync("/api/system/pause", cancellationToken);

    public Task ResumeAsync(CancellationToken cancellationToken = default) => PostAsync("/api/system/resume", cancellationToken);

    /// <summary>Sets the ASIC frequency in MHz and core voltage in mV; the firmware's refusal is an error that says why.</summary>
    public async Task SetFrequencyAsync(int frequencyMhz, int coreVoltageMv, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/system")
        {
            Content = JsonContent.Create(new Dictionary<string, int> { ["frequency"] = frequencyMhz, ["coreVoltage"] = coreVoltageMv }),
        };
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new MinerApiException($"AxeOS refused frequency {frequencyMhz} MHz / {coreVoltageMv} mV as out of range");
        }
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new MinerApiException("AxeOS does not allow settings from this network");
        }
        Ensure(response);
    }

    /// <summary>The reading in a /api/system/info body; anything but a JSON object is a <see cref="MinerApiException"/>, a value that is not a finite number is left out.</summary>
    internal static MinerReading Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument info;
        try
        {
            info = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new MinerApiException($"AxeOS answered /api/system/info with something that is not JSON ({e.Message})");
        }
        using (info)
        {
            var root = info.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new MinerApiException($"AxeOS answered /api/system/info with a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
            }
            return new MinerReading(
                Number(root, "hashRate") / 1000,
                new[] { Number(root, "temp"), Number(root, "vrTemp") }.Max(),
                Number(root, "power"),
                Number(root, "uptimeSeconds") is >= 0 and < long.MaxValue and double up ? (long)up : null);
        }
    }

    private async Task<ReadOnlyMemory<byte>> GetInfoAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/system/info");
        using var response = await SendAsync(request, cancellationToken);
        Ensure(response);
        if (response.Content.Headers.ContentLength > MaxReplyBytes)
        {
            throw TooLarge();
        }
        // HttpClient's timeout ends with the headers: a body that trickles in gets the same time again.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(http.Timeout);
        try
        {
            // Read one byte past the cap: a body that fills it is too large, whatever its headers said.
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            var buffer = new byte[MaxReplyBytes + 1];
            var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, deadline.Token);
            return length > MaxReplyBytes ? throw TooLarge() : buffer.AsMemory(0, length);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new MinerApiException($"AxeOS at {http.BaseAddress} broke off its answer to /api/system/info: {e.Message}");
        }
    }

    private MinerApiException TooLarge() => new($"AxeOS at {http.BaseAddress} answered /api/system/info with more than {MaxReplyBytes} bytes");

    private async Task PostAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        using var response = await SendAsync(request, cancellationToken);
        Ensure(response);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            // Headers only: the body is read, bounded, by whoever needs it.
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new MinerApiException($"AxeOS at {http.BaseAddress} did not answer {request.RequestUri}: {e.Message}");
        }
    }

    private static void Ensure(HttpResponseMessage response)
    {
        if ((int)response.StatusCode is >= 300 and < 400)
        {
            throw new MinerApiException($"AxeOS answered {response.RequestMessage?.RequestUri} with a redirect ({(int)response.StatusCode}) to '{response.Headers.Location}', which is not followed");
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new MinerApiException($"AxeOS answered {response.RequestMessage?.RequestUri} with {(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }

    private static double? Number(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : null;
}
