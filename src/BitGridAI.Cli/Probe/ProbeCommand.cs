using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using BitGridAI.Adapters.Miners;
using BitGridAI.Adapters.Modbus;
using BitGridAI.Adapters.SunSpec;

namespace BitGridAI.Cli.Probe;

/// <summary>
/// <c>bitgrid probe URL</c> for integrators: <c>modbus://host:port[/unit]</c> discovers the SunSpec models
/// and prints every one with its decoded points (a battery with both model 124 and model 802 shows both
/// state-of-charge values, so a disagreement is visible), then the values BitGridAI reads; <c>cgminer://host:port</c> and <c>axeos://host[:port]</c> print the
/// miner's normalized state; <c>mqtt://host:port/topic</c> prints the next messages on a topic
/// (<see cref="MqttProbe"/>). Unreachable or unsuitable devices: exit 2 and one line saying why.
/// </summary>
internal static class ProbeCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(Arguments args, CliIO io)
    {
        var text = args.Positionals.Count > 0 ? args.Positionals[0] : throw new CliInputException("name a device URL (modbus://host:port/unit, cgminer://host:port, axeos://host:port, mqtt://host:port/topic)");
        if (text.StartsWith("mqtt://", StringComparison.Ordinal) || text.StartsWith("mqtts://", StringComparison.Ordinal))
        {
            var count = args.IntOption("count", 10, 1, 1_000_000);
            var seconds = args.IntOption("timeout", 10, 1, 86_400);
            args.RejectUnknown(maxPositionals: 1);
            return await MqttProbe.RunAsync(text, count, TimeSpan.FromSeconds(seconds), io);
        }
        args.RejectUnknown(maxPositionals: 1);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || string.IsNullOrEmpty(url.Host))
        {
            throw new CliInputException($"'{text}' is not a URL such as modbus://192.168.1.20:502/1");
        }
        using var json = new Utf8JsonWriter(io.Out, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        try
        {
            switch (url.Scheme)
            {
                case "modbus":
                    await ProbeSunSpecAsync(url, json);
                    break;
                case "cgminer":
                    Write(json, text, await new CgminerClient(url.Host, url.IsDefaultPort ? 4028 : url.Port, Timeout).ReadAsync());
                    break;
                case "axeos":
                    using (var http = new HttpClient { BaseAddress = new Uri($"http://{url.Host}:{(url.IsDefaultPort ? 80 : url.Port)}"), Timeout = Timeout })
                    {
                        Write(json, text, await new AxeOsClient(http).ReadAsync());
                    }
                    break;
                default:
                    throw new CliInputException($"unknown scheme '{url.Scheme}' (modbus, cgminer, axeos, mqtt)");
            }
        }
        catch (Exception e) when (e is ModbusException or ModbusProtocolException or SunSpecException or MinerApiException)
        {
            throw new CliInputException($"{text}: {e.Message}");
        }
        await json.FlushAsync();
        io.Out.Write("\n"u8);
        return 0;
    }

    private static async Task ProbeSunSpecAsync(Uri url, Utf8JsonWriter json)
    {
        var unitText = url.AbsolutePath.Trim('/');
        var unit = unitText.Length == 0 ? (byte)1
            : byte.TryParse(unitText, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u
            : throw new CliInputException($"unit id '{unitText}' must be a number from 0 to 255");
        await using var client = new ModbusTcpClient(url.Host, url.IsDefaultPort ? 502 : url.Port, Timeout);
        var device = new SunSpecDevice(client, unit);
        var models = await device.DiscoverAsync();

        json.WriteStartObject();
        json.WriteString("url", url.OriginalString);
        json.WriteStartArray("models");
        foreach (var model in models)
        {
            json.WriteStartObject();
            json.WriteNumber("id", model.Id);
            json.WriteNumber("address", model.Address);
            json.WriteNumber("length", model.Length);
            json.WriteString("name", SunSpecPoints.NameOf(model.Id));
            json.WriteStartObject("points");
            foreach (var point in await device.ReadPointsAsync(model))
            {
                if (point.Text is { } text)
                {
                    json.WriteString(point.Name, text);
                }
                else
                {
                    Values(json, null, (point.Name, point.Value));
                }
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        var ids = models.Select(m => m.Id).ToHashSet();
        if (ids.Contains(1))
        {
            var (manufacturer, model, serial) = await device.ReadCommonAsync();
            json.WriteStartObject("common");
            json.WriteString("manufacturer", manufacturer);
            json.WriteString("model", model);
            json.WriteString("serial", serial);
            json.WriteEndObject();
        }
        if (ids.Any(id => id is >= 101 and <= 103 or >= 111 and <= 113))
        {
            var (power, energy) = await device.ReadInverterAsync();
            Values(json, "inverter", ("power_w", power), ("energy_wh", energy));
        }
        if (ids.Any(id => id is >= 201 and <= 204))
        {
            var (power, exported, imported) = await device.ReadMeterAsync();
            Values(json, "meter", ("power_w", power), ("exported_wh", exported), ("imported_wh", imported));
        }
        if (ids.Contains(802) || ids.Contains(124))
        {
            var (soc, power) = await device.ReadBatteryAsync();
            Values(json, "battery", ("soc_pct", soc), ("power_w", power));
        }
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, string url, MinerReading reading)
    {
        json.WriteStartObject();
        json.WriteString("url", url);
        Values(json, null, ("hashrate_ths", reading.HashrateThs), ("max_temp_c", reading.MaxTempC), ("power_w", reading.PowerW), ("uptime_s", reading.UptimeSeconds));
        json.WriteEndObject();
    }

    private static void Values(Utf8JsonWriter json, string? section, params (string Name, double? Value)[] values)
    {
        if (section is not null)
        {
            json.WriteStartObject(section);
        }
        foreach (var (name, value) in values)
        {
            if (value is { } v)
            {
                json.WriteNumber(name, Math.Round(v, 6));
            }
            else
            {
                json.WriteNull(name);
            }
        }
        if (section is not null)
        {
            json.WriteEndObject();
        }
    }
}
