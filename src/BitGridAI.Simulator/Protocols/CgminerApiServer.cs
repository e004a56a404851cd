using System.Net.Sockets;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// The cgminer-family API of one simulated Avalon-class miner (LuxOS commands included): one request per
/// connection, the reply NUL-terminated, then the connection closes. Work mode 0/1/2 (eco, standard, super),
/// soft off/on and LuxOS curtail sleep/wakeup drive the site's miner; soft-off and sleep leave the control
/// board answering. A miner that has lost contact accepts connections and never replies (its network stack is
/// up, its API hangs), so a client runs into its timeout; a miner whose power is cut refuses connections. A miner
/// told to stall (<see cref="SimulatedSite.StallNextRequests"/>) hangs on that request only.
/// Like the real firmwares, <c>stats</c> glues its objects together as <c>}{</c>, which readers must repair.
/// </summary>
internal sealed class CgminerApiServer : IAsyncDisposable
{
    private const int MaxRequestBytes = 8192;
    private const string Version = "4.11.1";

    private readonly SimulatedSite _site;
    private readonly SimulatedMinerOptions _miner;
    private readonly MinerApiListener _listener;
    private readonly Lock _gate = new();
    private MinerMode _workMode = MinerMode.Standard;
    private string? _session;
    private int _sessions;

    private CgminerApiServer(SimulatedSite site, SimulatedMinerOptions miner, IPAddress address, int port, string purpose)
    {
        _site = site;
        _miner = miner;
        _listener = MinerApiListener.Start(site, miner.Id, address, port, purpose, ServeAsync);
    }

    public int Port => _listener.Port;

    public static CgminerApiServer Start(SimulatedSite site, SimulatedMinerOptions miner, IPAddress address, int port, string purpose) =>
        new(site, miner, address, port, purpose);

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        var request = await ReadRequestAsync(stream, cancellationToken);
        if (request is null)
        {
            return;
        }
        if (_site.TakeStall(_miner.Id))
        {
            await MinerApiListener.HangAsync(stream, cancellationToken); // told to stall: the firmware hangs on this one
            return;
        }
        var state = _site.ReadMinerNow(_miner.Id);
        if (!state.Powered)
        {
            return; // accepted in the instant the power went: the connection just drops
        }
        if (!state.Answers)
        {
            await MinerApiListener.HangAsync(stream, cancellationToken);
            return;
        }
        string reply;
        try
        {
            reply = Answer(request, state);
        }
        catch (DeviceUnreachableException)
        {
            await MinerApiListener.HangAsync(stream, cancellationToken); // contact lost between the read and the command
            return;
        }
        await stream.WriteAsync(Encoding.UTF8.GetBytes(reply + "\0"), cancellationToken);
    }

    /// <summary>Reads until the bytes form one request (a complete JSON object, or any plain-text request).</summary>
    private static async Task<CgminerRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return length == 0 ? null : CgminerRequest.Parse(Encoding.UTF8.GetString(buffer, 0, length)) ?? new CgminerRequest("", "");
            }
            length += read;
            if (CgminerRequest.Parse(Encoding.UTF8.GetString(buffer, 0, length)) is { } request)
            {
                return request;
            }
        }
        return null; // oversized: not a request this API would take
    }

    private string Answer(CgminerRequest request, SimulatedMinerReading state) => request.Command switch
    {
        "summary" => Reply(state, "S", 11, "Summary", "SUMMARY", Summary(state)),
        "stats" => GlueObjects(Reply(state, "S", 70, "CGMiner stats", "STATS", Stats(state), Pool())),
        "estats" => Reply(state, "S", 70, "CGMiner stats", "STATS", Stats(state)),
        "devs" => Reply(state, "S", 9, "1 ASC(s)", "DEVS", Device(state)),
        "version" => Reply(state, "S", 22, "CGMiner versions", "VERSION", new JsonObject { ["CGMiner"] = Version, ["API"] = "3.7", ["PROD"] = "AvalonMiner Q", ["MODEL"] = "Q" }),
        "ascset" => AscSet(request.Parameter, state),
        "logon" => Logon(state),
        "logoff" => Logoff(state),
        "curtail" => Curtail(request.Parameter, state),
        "profileset" => ProfileSet(request.Parameter, state),
        "power" => Reply(state, "S", 1, "Power", "POWER", new JsonObject { ["Watts"] = Math.Round(state.PowerW) }),
        _ => Error(state, 14, "Invalid command"),
    };

    /// <summary>Avalon <c>ascset</c>: <c>0,workmode,set,N</c> (or the older <c>worklevel</c>), <c>0,softoff,1:ts</c>, <c>0,softon,1:ts</c>; applied at once.</summary>
    private string AscSet(string parameter, SimulatedMinerReading state)
    {
        var parts = parameter.Split(',');
        if (parts[0] != "0")
        {
            return Error(state, 107, $"Invalid ASC id {parts[0]} - range is 0 - 0");
        }
        switch (parts)
        {
            case [_, "workmode" or "worklevel", "set", var level] when WorkMode(level) is { } mode:
                lock (_gate)
                {
                    _workMode = mode;
                }
                if (state.Mode != MinerMode.None)
                {
                    _site.SetMinerMode(_miner.Id, mode); // soft-off keeps the choice for the next soft on
                }
                break;
            case [_, "softoff", _]:
                _site.SetMinerMode(_miner.Id, MinerMode.None);
                break;
            case [_, "softon", _]:
                Resume(state);
                break;
            default:
                return Error(state, 120, $"ASC 0 set failed: {parameter}");
        }
        return Reply(state, "I", 118, "ASC 0 set OK");
    }

    private string Logon(SimulatedMinerReading state)
    {
        lock (_gate)
        {
            // LuxOS keeps one session; logging on again hands back the one that is open.
            _session ??= $"sim{++_sessions:D4}{state.At.ToUnixTimeSeconds() % 100000:D5}";
            return Reply(state, "S", 0, "Session created", "SESSION", new JsonObject { ["SessionID"] = _session });
        }
    }

    private string Logoff(SimulatedMinerReading state)
    {
        lock (_gate)
        {
            _session = null;
        }
        return Reply(state, "S", 0, "Session closed");
    }

    /// <summary>LuxOS <c>curtail</c>: <c>session,sleep</c> stops hashing, <c>session,wakeup</c> resumes it.</summary>
    private string Curtail(string parameter, SimulatedMinerReading state)
    {
        var parts = parameter.Split(',');
        if (!SessionOk(parts[0]))
        {
            return Error(state, 45, "Invalid session id");
        }
        switch (parts)
        {
            case [_, "sleep"]:
                _site.SetMinerMode(_miner.Id, MinerMode.None);
                return Reply(state, "S", 0, "Curtail sleep");
            case [_, "wakeup"]:
                Resume(state);
                return Reply(state, "S", 0, "Curtail wakeup");
            default:
                return Error(state, 45, $"Invalid curtail mode '{string.Join(',', parts.Skip(1))}': use sleep or wakeup");
        }
    }

    /// <summary>LuxOS <c>profileset</c>: <c>session,profile</c>; the simulated miner has the profiles eco, default (= standard) and super.</summary>
    private string ProfileSet(string parameter, SimulatedMinerReading state)
    {
        var parts = parameter.Split(',');
        if (!SessionOk(parts[0]))
        {
            return Error(state, 45, "Invalid session id");
        }
        MinerMode? mode = parts.Length == 2 ? parts[1] switch
        {
            "eco" => MinerMode.Eco,
            "default" or "standard" => MinerMode.Standard,
            "super" => MinerMode.Super,
            _ => null,
        } : null;
        if (mode is not { } chosen)
        {
            return Error(state, 45, $"Invalid profile '{string.Join(',', parts.Skip(1))}': eco, default or super");
        }
        lock (_gate)
        {
            _workMode = chosen;
        }
        if (state.Mode != MinerMode.None)
        {
            _site.SetMinerMode(_miner.Id, chosen);
        }
        return Reply(state, "S", 0, $"Profile set to {parts[1]}");
    }

    private void Resume(SimulatedMinerReading state)
    {
        MinerMode mode;
        lock (_gate)
        {
            mode = _workMode;
        }
        if (state.Mode == MinerMode.None)
        {
            _site.SetMinerMode(_miner.Id, mode);
        }
    }

    private bool SessionOk(string session)
    {
        lock (_gate)
        {
            return _session is not null && session == _session;
        }
    }

    private static MinerMode? WorkMode(string level) => level switch
    {
        "0" => MinerMode.Eco,
        "1" => MinerMode.Standard,
        "2" => MinerMode.Super,
        _ => null,
    };

    private JsonObject Summary(SimulatedMinerReading state)
    {
        var mhs = Math.Round(state.HashrateThs * 1e6, 2);
        var seconds = (long)state.Uptime.TotalSeconds;
        return new JsonObject
        {
            ["Elapsed"] = seconds,
            ["MHS av"] = mhs,
            ["MHS 5s"] = mhs,
            ["MHS 1m"] = mhs,
            ["MHS 15m"] = mhs,
            // About one accepted share a minute at standard hashrate: plausible, and growing while it mines.
            ["Accepted"] = (long)(seconds / 60.0 * state.HashrateThs / _miner.StandardHashrateThs),
            ["Rejected"] = 0,
            ["Hardware Errors"] = 0,
        };
    }

    private JsonObject Stats(SimulatedMinerReading state)
    {
        // "Temp" is the board's inlet side, below the hottest chip ("Max Temp").
        var inlet = Math.Min(state.ChipC, _site.AmbientC + (0.7 * (state.ChipC - _site.AmbientC)));
        return new JsonObject
        {
            ["STATS"] = 0,
            ["ID"] = "AVA100",
            ["Elapsed"] = (long)state.Uptime.TotalSeconds,
            ["Temp"] = Math.Round(inlet, 1),
            ["Max Temp"] = Math.Round(state.ChipC, 1),
            ["Power"] = Math.Round(state.PowerW),
            ["Work Mode"] = state.Mode switch { MinerMode.Eco => 0, MinerMode.Super => 2, _ => 1 },
            ["Soft Off"] = state.Mode == MinerMode.None ? 1 : 0,
        };
    }

    private static JsonObject Pool() => new() { ["STATS"] = 1, ["ID"] = "POOL0", ["Calls"] = 0, ["Wait"] = 0.0 };

    private static JsonObject Device(SimulatedMinerReading state) => new()
    {
        ["ASC"] = 0,
        ["Name"] = "AVA10",
        ["ID"] = 0,
        ["Enabled"] = "Y",
        ["Status"] = state.Mode == MinerMode.None ? "Idle" : "Alive",
        ["Temperature"] = Math.Round(state.ChipC, 1),
        ["MHS av"] = Math.Round(state.HashrateThs * 1e6, 2),
        ["MHS 5s"] = Math.Round(state.HashrateThs * 1e6, 2),
        ["Device Elapsed"] = (long)state.Uptime.TotalSeconds,
    };

    private static string Error(SimulatedMinerReading state, int code, string message) => Reply(state, "E", code, message);

    private static string Reply(SimulatedMinerReading state, string status, int code, string message, string? section = null, params JsonObject[] entries)
    {
        var reply = new JsonObject
        {
            ["STATUS"] = new JsonArray(new JsonObject
            {
                ["STATUS"] = status,
                ["When"] = state.At.ToUnixTimeSeconds(),
                ["Code"] = code,
                ["Msg"] = message,
                ["Description"] = $"cgminer {Version}",
            }),
        };
        if (section is not null)
        {
            reply[section] = new JsonArray([.. entries]);
        }
        reply["id"] = 1;
        return reply.ToJsonString();
    }

    /// <summary>The firmwares' quirk: objects in the STATS array follow each other without a comma.</summary>
    private static string GlueObjects(string json) => json.Replace("},{\"STATS\":", "}{\"STATS\":", StringComparison.Ordinal);
}
