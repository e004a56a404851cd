using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BitGridAI.Adapters.Miners;

/// <summary>
/// Bitaxe AxeOS over HTTP: <c>GET /api/system/info</c> for the state, <c>PATCH /api/system</c> for
/// frequency and core voltage (400: out of range, 401: this network may not change it), and
/// <c>POST /api/system/pause</c> / <c>resume</c> to stop and start mining.
/// </summary>
public sealed class AxeOsClient(HttpClient http)
{
    public async Task<MinerReading> ReadAsync(CancellationToken cancellationToken = default)
    {
        using var info = await GetInfoAsync(cancellationToken);
        var root = info.RootElement;
        return new MinerReading(
            Number(root, "hashRate") / 1000,
            new[] { Number(root, "temp"), Number(root, "vrTemp") }.Max(),
            Number(root, "power"),
            Number(root, "uptimeSeconds") is { } up ? (long)up : null);
    }

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

    private async Task<JsonDocument> GetInfoAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/system/info");
        using var response = await SendAsync(request, cancellationToken);
        Ensure(response);
        try
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (JsonException e)
        {
            throw new MinerApiException($"AxeOS answered /api/system/info with something that is not JSON ({e.Message})");
        }
    }

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
            return await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new MinerApiException($"AxeOS at {http.BaseAddress} did not answer {request.RequestUri}: {e.Message}");
        }
    }

    private static void Ensure(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new MinerApiException($"AxeOS answered {response.RequestMessage?.RequestUri} with {(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }

    private static double? Number(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
