using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace BitGridAI.Adapters.Miners;

/// <summary>
/// The cgminer-family API (bmminer, Avalon, LuxOS) on TCP 4028: one request per connection, the miner
/// replies and closes, often with a NUL terminator and JSON that needs repair. Avalon work modes
/// (0 eco, 1 standard, 2 super) are set with <c>ascset|0,workmode,set,N</c> and mining paused with soft
/// off/on; LuxOS changes need a <c>logon</c> session (curtail sleep/wakeup, <c>profileset</c>).
/// </summary>
public sealed class CgminerClient(string host, int port, TimeSpan timeout)
{
    private const int MaxReplyBytes = 1 << 20;

    /// <summary>Real replies nest four levels; a deeper one is not a miner talking, and is refused before it costs stack.</summary>
    private const int MaxDepth = 16;

    /// <summary>Sends one command and returns the repaired reply; an E or F status is an error naming the miner's message.</summary>
    public async Task<JsonDocument> CommandAsync(string command, string parameter = "", CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        string text;
        try
        {
            using var tcp = new TcpClient { NoDelay = true };
            await tcp.ConnectAsync(host, port, deadline.Token);
            var stream = tcp.GetStream();
            var request = JsonSerializer.Serialize(new Dictionary<string, string> { ["command"] = command, ["parameter"] = parameter });
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), deadline.Token);
            text = await ReadToCloseAsync(stream, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MinerApiException($"{host}:{port} did not answer '{command}' within {timeout.TotalSeconds:F0} s");
        }
        catch (SocketException e)
        {
            throw new MinerApiException($"{host}:{port}: {e.Message}");
        }

        return ParseReply(text, $"{host}:{port}", command);
    }

    /// <summary>
    /// A reply as a JSON document after repair; anything that is not a JSON object (too deep, a bare value, an
    /// array), or an E/F status, is a <see cref="MinerApiException"/> naming what was wrong.
    /// </summary>
    internal static JsonDocument ParseReply(string text, string endpoint, string command)
    {
        JsonDocument reply;
        try
        {
            reply = JsonDocument.Parse(CgminerJson.Repair(text), new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new MinerApiException($"{endpoint} answered '{command}' with something that is not JSON ({e.Message})");
        }
        if (reply.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = reply.RootElement.ValueKind;
            reply.Dispose();
            throw new MinerApiException($"{endpoint} answered '{command}' with a JSON {kind.ToString().ToLowerInvariant()}, not an object");
        }
        var status = reply.RootElement.TryGetProperty("STATUS", out var s) && s.ValueKind == JsonValueKind.Array && s.GetArrayLength() > 0 ? s[0] : default;
        var code = Text(status, "STATUS");
        if (code is "E" or "F")
        {
            var message = Text(status, "Msg") ?? "no message";
            reply.Dispose();
            throw new MinerApiException($"{endpoint} refused '{command}': {message}");
        }
        return reply;
    }

    /// <summary>Hashrate, hottest temperature, power and uptime from <c>summary</c> and <c>stats</c>.</summary>
    public async Task<MinerReading> ReadAsync(CancellationToken cancellationToken = default)
    {
        using var summary = await CommandAsync("summary", "", cancellationToken);
        using var stats = await CommandAsync("stats", "", cancellationToken);
        return Reading(summary.RootElement, stats.RootElement);
    }

    /// <summary>The reading from a <c>summary</c> and a <c>stats</c> reply; what is missing or not a finite number is left out.</summary>
    internal static MinerReading Reading(JsonElement summary, JsonElement stats)
    {
        var section = First(summary, "SUMMARY");
        var hashrate = Number(section, "MHS 5s") / 1e6 ?? Number(section, "MHS av") / 1e6 ?? Number(section, "GHS 5s") / 1e3 ?? Number(section, "GHS av") / 1e3;
        double? maxTemp = null;
        double? power = null;
        foreach (var entry in Entries(stats, "STATS").Append(section))
        {
            foreach (var key in new[] { "Temperature", "Max Temp", "Temp", "temp_max" })
            {
                if (Number(entry, key) is { } t && (maxTemp is null || t > maxTemp))
                {
                    maxTemp = t;
                }
            }
            power ??= Number(entry, "Power") ?? Number(entry, "Watt");
        }
        var uptime = Number(section, "Elapsed");
        return new MinerReading(hashrate, maxTemp, power, uptime is >= 0 and < long.MaxValue ? (long)uptime.Value : null);
    }

    /// <summary>Avalon work mode: 0 eco, 1 standard, 2 super.</summary>
    public async Task SetAvalonWorkModeAsync(int mode, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mode, 2);
        using var reply = await CommandAsync("ascset", $"0,workmode,set,{mode}", cancellationToken);
    }

    /// <summary>Avalon soft off / on at <paramref name="at"/>: the miner stops or resumes hashing but keeps answering.</summary>
    public async Task SetAvalonSoftOffAsync(bool off, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        using var reply = await CommandAsync("ascset", $"0,{(off ? "softoff" : "softon")},1:{at.ToUnixTimeSeconds()}", cancellationToken);
    }

    /// <summary>LuxOS: a session id for the commands that change the miner.</summary>
    public async Task<string> LuxOsLogonAsync(CancellationToken cancellationToken = default)
    {
        using var reply = await CommandAsync("logon", "", cancellationToken);
        var session = First(reply.RootElement, "SESSION");
        foreach (var key in new[] { "SessionID", "SessionId", "session_id" })
        {
            if (Text(session, key) is { Length: > 0 } text)
            {
                return text;
            }
        }
        throw new MinerApiException($"{host}:{port} answered logon without a session id");
    }

    /// <summary>LuxOS curtail: sleep (stop hashing, fans keep the board safe) or wake up.</summary>
    public async Task LuxOsCurtailAsync(string session, bool sleep, CancellationToken cancellationToken = default)
    {
        using var reply = await CommandAsync("curtail", $"{session},{(sleep ? "sleep" : "wakeup")}", cancellationToken);
    }

    /// <summary>LuxOS power profile by name (e.g. a lower-watt profile for eco).</summary>
    public async Task LuxOsSetProfileAsync(string session, string profile, CancellationToken cancellationToken = default)
    {
        using var reply = await CommandAsync("profileset", $"{session},{profile}", cancellationToken);
    }

    /// <summary>LuxOS <c>power</c>: the watts the miner reports drawing, or null when it does not say.</summary>
    public async Task<double?> LuxOsPowerAsync(CancellationToken cancellationToken = default)
    {
        using var reply = await CommandAsync("power", "", cancellationToken);
        var section = First(reply.RootElement, "POWER");
        return Number(section, "Watts") ?? Number(section, "Power") ?? Number(section, "PSU");
    }

    private static async Task<string> ReadToCloseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxReplyBytes)
            {
                throw new MinerApiException($"reply larger than {MaxReplyBytes} bytes");
            }
            if (chunk[read - 1] == 0)
            {
                break; // NUL-terminated: the reply is complete even if the miner keeps the socket open
            }
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static JsonElement First(JsonElement root, string section) => Entries(root, section).FirstOrDefault();

    private static List<JsonElement> Entries(JsonElement root, string section) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(section, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList()
            : [];

    /// <summary>A finite number under the key; 1e999 (infinite as a double) or text is no reading.</summary>
    private static double? Number(JsonElement entry, string key) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number
        && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : null;

    private static string? Text(JsonElement entry, string key)
    {
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty(key, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null; // an escaped lone surrogate ("\ud800") is not text
        }
    }
}
