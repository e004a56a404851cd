using System.Net.Sockets;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// The AxeOS HTTP API of one simulated Bitaxe-class miner (BM1370): <c>GET /api/system/info</c>,
/// <c>PATCH /api/system</c> with frequency (MHz) and coreVoltage (mV), <c>POST /api/system/pause</c>,
/// <c>resume</c> and <c>restart</c>. Pause stops mining (mode None); resume mines at the frequency last set.
/// The draw follows the frequency through the three points of the miner's modes (eco, standard, super
/// frequency and power), straight between them and in proportion to the frequency outside them, so the
/// frequency of a mode draws exactly that mode's power (the core voltage is taken but changes nothing). The
/// site's miner is in the mode whose frequency is nearest, its clock scale the rest. Restart keeps the mode and
/// starts the uptime afresh. Lost contact: requests get no answer; power cut: connections are refused.
/// </summary>
internal sealed class AxeOsHttpServer : IAsyncDisposable
{
    public const int DefaultCoreVoltageMv = 1150;
    public const int MinFrequencyMhz = 200;
    public const int MaxFrequencyMhz = 750;
    public const int MinCoreVoltageMv = 1000;
    public const int MaxCoreVoltageMv = 1300;

    private const double SupplyV = 5.0;

    private readonly SimulatedSite _site;
    private readonly SimulatedMinerOptions _miner;
    private readonly MinerApiListener _listener;
    private readonly Lock _gate = new();
    private int _frequencyMhz;
    private int _coreVoltageMv = DefaultCoreVoltageMv;

    private AxeOsHttpServer(SimulatedSite site, SimulatedMinerOptions miner, IPAddress address, int port, string purpose)
    {
        _site = site;
        _miner = miner;
        // A server restarted under a running miner reports the frequency of the mode it mines in.
        _frequencyMhz = FrequencyOf(site.ModeOf(miner.Id));
        _listener = MinerApiListener.Start(site, miner.Id, address, port, purpose, ServeAsync);
    }

    public int Port => _listener.Port;

    public static AxeOsHttpServer Start(SimulatedSite site, SimulatedMinerOptions miner, IPAddress address, int port, string purpose) =>
        new(site, miner, address, port, purpose);

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        var reader = new HttpRequestReader(stream);
        while (await reader.ReadAsync(cancellationToken) is { } request)
        {
            var state = _site.ReadMinerNow(_miner.Id);
            if (!state.Powered)
            {
                return;
            }
            (int Status, string Body) reply;
            try
            {
                reply = state.Answers ? Answer(request, state) : (0, "");
            }
            catch (DeviceUnreachableException)
            {
                reply = (0, ""); // contact lost between the read and the command
            }
            if (reply.Status == 0)
            {
                await MinerApiListener.HangAsync(stream, cancellationToken);
                return;
            }
            var body = Encoding.UTF8.GetBytes(reply.Body);
            var head = $"HTTP/1.1 {reply.Status} {Reason(reply.Status)}\r\nContent-Type: {(reply.Body.StartsWith('{') ? "application/json" : "text/plain")}\r\n"
                + $"Content-Length: {body.Length}\r\nConnection: {(request.KeepAlive ? "keep-alive" : "close")}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
            await stream.WriteAsync(body, cancellationToken);
            if (!request.KeepAlive)
            {
                return;
            }
        }
    }

    private (int Status, string Body) Answer(HttpRequestLine request, SimulatedMinerReading state)
    {
        switch ((request.Method, request.Path.TrimEnd('/')))
        {
            case ("GET", "/api/system/info"):
                return (200, Info(state));
            case ("PATCH", "/api/system"):
                return Patch(request.Body, state);
            case ("POST", "/api/system/pause"):
                _site.SetMinerMode(_miner.Id, MinerMode.None);
                return (200, "Mining paused");
            case ("POST", "/api/system/resume"):
                if (state.Mode == MinerMode.None)
                {
                    _site.SetMinerMode(_miner.Id, ModeAt(CurrentFrequency()));
                }
                return (200, "Mining resumed");
            case ("POST", "/api/system/restart"):
                if (state.Mode != MinerMode.None)
                {
                    _site.SetMinerMode(_miner.Id, MinerMode.None);
                    _site.SetMinerMode(_miner.Id, state.Mode);
                }
                return (200, "System will restart shortly.");
            default:
                return (404, "Not found");
        }
    }

    private (int Status, string Body) Patch(string body, SimulatedMinerReading state)
    {
        int? frequency, voltage;
        try
        {
            using var json = JsonDocument.Parse(body);
            frequency = Integer(json.RootElement, "frequency");
            voltage = Integer(json.RootElement, "coreVoltage");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return (400, "Invalid JSON");
        }
        if (frequency is < MinFrequencyMhz or > MaxFrequencyMhz)
        {
            return (400, $"frequency must be {MinFrequencyMhz} to {MaxFrequencyMhz} MHz");
        }
        if (voltage is < MinCoreVoltageMv or > MaxCoreVoltageMv)
        {
            return (400, $"coreVoltage must be {MinCoreVoltageMv} to {MaxCoreVoltageMv} mV");
        }
        if (frequency is { } f)
        {
            // Applied live, as AxeOS 2.15 does: a paused miner keeps the setting for its resume.
            var mode = ModeAt(f);
            var rated = PowerOf(mode);
            // A mode rated at 0 W (the options allow an eco of 0) has nothing to scale: it stays at its rating.
            _site.SetMinerClockScale(_miner.Id, rated > 0 && PowerAt(f) > 0 ? PowerAt(f) / rated : 1);
            if (state.Mode != MinerMode.None)
            {
                _site.SetMinerMode(_miner.Id, mode);
            }
        }
        lock (_gate)
        {
            _frequencyMhz = frequency ?? _frequencyMhz;
            _coreVoltageMv = voltage ?? _coreVoltageMv;
        }
        return (200, "");
    }

    private string Info(SimulatedMinerReading state)
    {
        int frequency, voltage;
        lock (_gate)
        {
            (frequency, voltage) = (_frequencyMhz, _coreVoltageMv);
        }
        var ambient = _site.AmbientC;
        var vrTemp = Math.Min(state.ChipC, ambient + (0.8 * (state.ChipC - ambient)));
        var seconds = (long)state.Uptime.TotalSeconds;
        return new JsonObject
        {
            ["power"] = Math.Round(state.PowerW, 2),
            ["voltage"] = SupplyV * 1000,
            ["current"] = Math.Round(state.PowerW / SupplyV * 1000),
            ["temp"] = Math.Round(state.ChipC, 1),
            ["vrTemp"] = Math.Round(vrTemp, 1),
            ["hashRate"] = Math.Round(state.HashrateThs * 1000, 2),
            ["frequency"] = frequency,
            ["coreVoltage"] = voltage,
            ["coreVoltageActual"] = state.Mode == MinerMode.None ? 0 : voltage - 12,
            ["fanspeed"] = (int)Math.Clamp((state.ChipC - 35) * 3, 20, 100),
            // About one share every ten seconds at the rated hashrate.
            ["sharesAccepted"] = (long)(seconds / 10.0 * state.HashrateThs / _miner.StandardHashrateThs),
            ["sharesRejected"] = 0,
            ["uptimeSeconds"] = seconds,
            ["isPaused"] = state.Mode == MinerMode.None ? 1 : 0,
            ["ASICModel"] = "BM1370",
            ["hostname"] = _miner.Id,
            ["version"] = "v2.15.0",
        }.ToJsonString();
    }

    private int CurrentFrequency()
    {
        lock (_gate)
        {
            return _frequencyMhz;
        }
    }

    private int FrequencyOf(MinerMode mode) => mode switch
    {
        MinerMode.Eco => _miner.EcoFrequencyMhz,
        MinerMode.Super => _miner.SuperFrequencyMhz,
        _ => _miner.StandardFrequencyMhz,
    };

    private double PowerOf(MinerMode mode) => mode switch
    {
        MinerMode.Eco => _miner.EcoPowerW,
        MinerMode.Super => _miner.SuperPowerW,
        _ => _miner.StandardPowerW,
    };

    /// <summary>The mode whose frequency is nearest (the lower one on a tie).</summary>
    private MinerMode ModeAt(int frequencyMhz) => new[] { MinerMode.Eco, MinerMode.Standard, MinerMode.Super }
        .MinBy(mode => Math.Abs(FrequencyOf(mode) - frequencyMhz));

    /// <summary>The draw at a frequency: straight between the modes' points, in proportion to the frequency below eco and above super.</summary>
    private double PowerAt(int frequencyMhz)
    {
        var (eco, standard, super) = (_miner.EcoFrequencyMhz, _miner.StandardFrequencyMhz, _miner.SuperFrequencyMhz);
        static double Between(double f, double f0, double p0, double f1, double p1) => p0 + ((p1 - p0) * (f - f0) / (f1 - f0));
        return frequencyMhz switch
        {
            _ when frequencyMhz <= eco => _miner.EcoPowerW * frequencyMhz / eco,
            _ when frequencyMhz <= standard => Between(frequencyMhz, eco, _miner.EcoPowerW, standard, _miner.StandardPowerW),
            _ when frequencyMhz <= super => Between(frequencyMhz, standard, _miner.StandardPowerW, super, _miner.SuperPowerW),
            _ => _miner.SuperPowerW * frequencyMhz / super,
        };
    }

    private static int? Integer(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) ? value.GetInt32() : null;

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Error",
    };
}
