using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace BitGridAI.Cli.Probe;

/// <summary>
/// <c>bitgrid probe mqtt://[user:pass@]host[:port]/topic</c>: subscribes (wildcards allowed) and prints the
/// next messages, one JSON line each, so an integrator sees what a device really publishes before mapping
/// it. A class of its own so MQTTnet is loaded only for this probe.
/// </summary>
internal static class MqttProbe
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);
    private static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Exit code when the broker answered but nothing came within the timeout.</summary>
    public const int NothingReceived = 1;

    public static async Task<int> RunAsync(string text, int count, TimeSpan timeout, CliIO io)
    {
        var (host, port, topic, user, password, tls) = Parse(text);
        using var client = new MqttClientFactory().CreateMqttClient();
        var received = Channel.CreateUnbounded<MqttApplicationMessage>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Writer.TryWrite(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId($"bitgrid-probe-{Environment.ProcessId}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(ConnectTimeout);
        if (user is not null)
        {
            options = options.WithCredentials(user, password);
        }
        if (tls)
        {
            options = options.WithTlsOptions(t => t.UseTls());
        }
        try
        {
            using var connecting = new CancellationTokenSource(ConnectTimeout);
            await client.ConnectAsync(options.Build(), connecting.Token);
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(topic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .Build(), connecting.Token);
        }
#pragma warning disable CA1031 // refused, unreachable, timed out, bad credentials, TLS: all one line and exit 2
        catch (Exception e)
#pragma warning restore CA1031
        {
            var reason = e is OperationCanceledException ? $"no answer within {ConnectTimeout.TotalSeconds:F0} s" : e.Message;
            throw new CliInputException($"{text}: cannot subscribe at {host}:{port}: {reason}");
        }

        var printed = 0;
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (printed < count)
            {
                var message = await received.Reader.ReadAsync(deadline.Token);
                WriteLine(io.Out, message);
                printed++;
            }
        }
        catch (OperationCanceledException)
        {
            io.Err.WriteLine($"bitgrid probe: {text}: {printed} of {count} message(s) within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        return printed == 0 ? NothingReceived : CliApp.Ok;
    }

    /// <summary>
    /// Read by hand rather than as a URI: a topic filter's <c>#</c> would otherwise start a URI fragment.
    /// </summary>
    private static (string Host, int Port, string Topic, string? User, string? Password, bool Tls) Parse(string text)
    {
        var tls = text.StartsWith("mqtts://", StringComparison.Ordinal);
        var rest = text[(tls ? "mqtts://" : "mqtt://").Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var topic = slash < 0 ? "" : rest[(slash + 1)..];
        if (topic.Length == 0)
        {
            throw new CliInputException($"'{text}' names no topic (e.g. mqtt://127.0.0.1:1883/bitgrid/# or mqtt://host/shellies/+/status)");
        }
        if (!Uri.TryCreate((tls ? "mqtts://" : "mqtt://") + rest[..slash], UriKind.Absolute, out var authority) || authority.Host.Length == 0)
        {
            throw new CliInputException($"'{text}' is not a URL such as mqtt://192.168.1.10:1883/tele/+/SENSOR");
        }
        string? user = null;
        string? password = null;
        if (authority.UserInfo.Length > 0)
        {
            var colon = authority.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? authority.UserInfo : authority.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(authority.UserInfo[(colon + 1)..]);
        }
        var port = authority.IsDefaultPort || authority.Port < 0 ? (tls ? 8883 : 1883) : authority.Port;
        return (authority.Host, port, topic, user, password, tls);
    }

    /// <summary><c>{"topic":…,"retained":…,"payload":"…"}</c>; a payload that is not UTF-8 text comes as <c>payload_base64</c>.</summary>
    private static void WriteLine(Stream output, MqttApplicationMessage message)
    {
        using (var json = new Utf8JsonWriter(output, LineOptions))
        {
            json.WriteStartObject();
            json.WriteString("topic", message.Topic);
            json.WriteBoolean("retained", message.Retain);
            var bytes = message.Payload.ToArray();
            try
            {
                json.WriteString("payload", new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
            }
            catch (DecoderFallbackException)
            {
                json.WriteBase64String("payload_base64", bytes);
            }
            json.WriteEndObject();
        }
        output.Write("\n"u8);
        output.Flush();
    }
}
