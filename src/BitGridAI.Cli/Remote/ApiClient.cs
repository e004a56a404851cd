using System.Net.Http.Headers;
using System.Text.Json;

namespace BitGridAI.Cli.Remote;

/// <summary>
/// Talks to the silo's HTTP API (docs/console.md): sends the bearer token, reads JSON answers tolerantly, and turns
/// every way a request can go wrong — unreachable, too slow, refused, not JSON — into an <see cref="ApiFailure"/>
/// with the exit code for it. The token goes only into the Authorization header, never into a message.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    /// <summary>A body larger than this is not an answer of the silo (its biggest, an export manifest, is a few KB).</summary>
    private const int MaxAnswerBytes = 16 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly ServerSettings _settings;
    private readonly string _role;

    /// <param name="settings">The server and token.</param>
    /// <param name="role">The role the command needs (viewer, operator or admin), named when the token is refused.</param>
    /// <param name="timeout">How long to wait for an answer.</param>
    public ApiClient(ServerSettings settings, string role, TimeSpan timeout)
    {
        _settings = settings;
        _role = role;
        Timeout = timeout;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(5, timeout.TotalSeconds)),
            AllowAutoRedirect = false,
            UseProxy = false,
        })
        {
            Timeout = timeout,
            MaxResponseContentBufferSize = MaxAnswerBytes,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("bitgrid-console", "1"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        if (settings.Token is { } token)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public TimeSpan Timeout { get; }

    public string Server => _settings.Name;

    public Task<ApiAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    /// <summary>Sends <paramref name="body"/> (already JSON, or null for none) and returns a 2xx answer; anything else throws <see cref="ApiFailure"/>.</summary>
    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, byte[]? body)
    {
        using var request = new HttpRequestMessage(method, _settings.Route(path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        HttpResponseMessage response;
        byte[] bytes;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            bytes = await response.Content.ReadAsByteArrayAsync();
        }
        catch (TaskCanceledException)
        {
            throw new ApiFailure(CliApp.Unreachable, $"the silo at {Server} did not answer within {Timeout.TotalSeconds:0} s; is it running and reachable? (scripts/run.sh starts it)");
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded
            or HttpRequestError.ConfigurationLimitExceeded)
        {
            throw new ApiFailure(CliApp.Failed, $"the server at {Server} did not answer as a BitGridAI silo ({e.Message})");
        }
        catch (HttpRequestException e)
        {
            throw new ApiFailure(CliApp.Unreachable, $"the silo at {Server} is unreachable ({Reason(e)}); start it with scripts/run.sh, or point --server, {ServerSettings.ServerVariable} or {_settings.ConfigPath} at it");
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (status is < 200 or > 299)
            {
                var retryAfter = response.Headers.RetryAfter?.Delta;
                var redirect = status is >= 300 and < 400 ? response.Headers.Location : null;
                throw new ApiFailure(ProblemText.ExitCodeOf(status), ProblemText.Describe(status, response.ReasonPhrase, mediaType, bytes, retryAfter, redirect, _role, _settings));
            }
            if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                return new ApiAnswer(status, bytes, null);
            }
            try
            {
                using var document = JsonDocument.Parse(bytes);
                return new ApiAnswer(status, bytes, document.RootElement.Clone());
            }
            catch (JsonException e)
            {
                throw new ApiFailure(CliApp.Failed, $"the server at {Server} answered {status} with something that is not JSON ({mediaType ?? "no content type"}, {e.Message.Split('.')[0]}); is it a BitGridAI silo?");
            }
        }
    }

    /// <summary>Sends a JSON object built from <paramref name="fields"/> (null values are left out).</summary>
    public Task<ApiAnswer> SendJsonAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                switch (value)
                {
                    case null:
                        break;
                    case string text:
                        json.WriteString(name, text);
                        break;
                    case double number:
                        json.WriteNumber(name, number);
                        break;
                    case bool flag:
                        json.WriteBoolean(name, flag);
                        break;
                    default:
                        throw new ArgumentException($"no JSON form for {value.GetType().Name}", nameof(fields));
                }
            }
            json.WriteEndObject();
        }
        return SendAsync(method, path, buffer.ToArray());
    }

    public void Dispose() => _http.Dispose();

    private static string Reason(HttpRequestException e)
    {
        var inner = e.InnerException;
        while (inner?.InnerException is not null && inner is not System.Net.Sockets.SocketException)
        {
            inner = inner.InnerException;
        }
        return inner switch
        {
            System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } => "connection refused",
            System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.TryAgain } => "host not found",
            System.Net.Sockets.SocketException s => s.Message,
            { } other => other.Message,
            null => e.Message,
        };
    }
}
