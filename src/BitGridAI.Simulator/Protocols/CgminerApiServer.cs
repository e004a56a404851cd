using System.Net.Sockets;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// The cgminer-family API of one simulated miner, as its firmware (<see cref="SimulatedMinerOptions.Firmware"/>)
/// answers it: one request per connection, the reply NUL-terminated, then the connection closes. Both firmwares
/// answer the read commands; an Avalon changes with <c>ascset</c> work mode 0/1/2 (eco, standard, super) and soft
/// off/on and reports its power in <c>stats</c>; LuxOS changes only in a <c>logon</c> session with curtail
/// sleep/wakeup and <c>profileset</c> by the configured profile names, reports hashrate in GH/s and its power only
/// through <c>power</c>. Each refuses the other's commands as unknown. Soft-off and sleep leave the control
/// board answering. A miner that has lost contact accepts connections and never replies (its network stack is
/// up, its API hangs), so a client runs into its timeout; a miner whose power is cut refuses connections. A miner
/// told to stall (<see cref="SimulatedSite.StallNextRequests"/>) hangs on that request only.
/// Like the real firmwares, <c>stats</c> glues its objects together as <c>}{</c>, which readers must repair.
/// </summary>
internal sealed class CgminerApiServer : IAsyncDisposable
{
    private const int MaxRequestBytes = 8192;
    private const string Version = "4.11.1";
    private const string LuxOsVersion = "2024.6.20.0";

    private readonly SimulatedSite _site;
    private readonly SimulatedMinerOptions _miner;
    private readonly MinerApiListener _listener;
    private readonly bool _luxOs;
    private readonly string _description;
    private readonly Lock _gate = new();
    private MinerMode _workMode = MinerMode.Standard;
    private string? _session;
    private int _sessions;

    private CgminerApiServer(SimulatedSite site, SimulatedMinerOptions miner, IPAddress address, int port, string purpose)
    {
        _site = site;
        _miner = miner;
        _luxOs = string.Equals(miner.Firmware, MinerFirmwares.LuxOs, StringComparison.OrdinalIgnoreCase);
        _description = _luxOs ? $"LUXminer {LuxOsVersion}" : $"cgminer {Version}";
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

    private string Answer(CgminerRequest request, SimulatedMinerReading state) => (_luxOs, request.Command) switch
    {
        (_, "summary") => Reply(state, "S", 11, "Summary", "SUMMARY", Summary(state)),
        (_, "stats") => GlueObjects(Reply(state, "S", 70, "CGMiner stats", "STATS", Stats(state), Pool())),
        (_, "estats") => Reply(state, "S", 70, "CGMiner stats", "STATS", Stats(state)),
        (_, "devs") => Reply(state, "S", 9, "1 ASC(s)", "DEVS", Device(state)),
        (false, "version") => Reply(state, "S", 22, "CGMiner versions", "VERSION", new JsonObject { ["CGMiner"] = Version, ["API"] = "3.7", ["PROD"] = "AvalonMiner Q", ["MODEL"] = "Q" }),
        (false, "ascset") => AscSet(request.Parameter, state),
        (true, "version") => Reply(state, "S", 22, "LUXminer versions", "VERSION", new JsonObject { ["LUXminer"] = LuxOsVersion, ["API"] = "3.7", ["Type"] = "Antminer S19 XP" }),
        (true, "logon") => Logon(state),
        (true, "logoff") => Logoff(state),
        (true, "curtail") => Curtail(request.Parameter, state),
        (true, "profileset") => ProfileSet(request.Parameter, state),
        (true, "power") => Reply(state, "S", 1, "Power", "POWER", new JsonObject { ["Watts"] = Math.Round(state.PowerW) }),
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

    /// <summary>LuxOS <c>profileset</c>: <c>session,profile</c>, one of the miner's configured profile names (eco, standard, super).</summary>
    private string ProfileSet(string parameter, SimulatedMinerReading state)
    {
        var parts = parameter.Split(',');
        if (!SessionOk(parts[0]))
        {
            return Error(state, 45, "Invalid session id");
        }
        MinerMode? mode = parts.Length != 2 ? null
            : parts[1] == _miner.EcoProfile ? MinerMode.Eco
            : parts[1] == _miner.StandardProfile ? MinerMode.Standard
            : parts[1] == _miner.SuperProfile ? MinerMode.Super
            : null;
        if (mode is not { } chosen)
        {
            return Error(state, 45, $"Invalid profile '{string.Join(',', parts.Skip(1))}': {_miner.EcoProfile}, {_miner.StandardProfile} or {_miner.SuperProfile}");
        }
        lock (_gate)
        {
            _workMode = chosen;
        }
        if (state.Mode != MinerMode.None)
        {
            _site.SetMinerMode(_miner.Id, chosen);
        }
        return Reply(state, "S", 0, $"Profile set to {parts[1]}", "PROFILE", new JsonObject { ["Profile"] = parts[1], ["Result"] = "success" });
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
        var seconds = (long)state.Uptime.TotalSeconds;
        // LuxOS, like bmminer, counts in GH/s; Avalon's cgminer in MH/s.
        var (unit, rate) = _luxOs ? ("GHS", Math.Round(state.HashrateThs * 1e3, 2)) : ("MHS", Math.Round(state.HashrateThs * 1e6, 2));
        return new JsonObject
        {
            ["Elapsed"] = seconds,
            [$"{unit} av"] = rate,
            [$"{unit} 5s"] = rate,
            [$"{unit} 1m"] = rate,
            [$"{unit} 15m"] = rate,
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
        if (_luxOs)
        {
            // An Antminer's stats: board temperatures and the hottest chip, but no power (LuxOS tells it through "power").
            return new JsonObject
            {
                ["STATS"] = 0,
                ["ID"] = "BC50",
                ["Type"] = "Antminer S19 XP",
                ["Elapsed"] = (long)state.Uptime.TotalSeconds,
                ["temp1"] = Math.Round(inlet, 1),
                ["temp_max"] = Math.Round(state.ChipC, 1),
                ["Mode"] = state.Mode == MinerMode.None ? "sleep" : "active",
            };
        }
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

    private JsonObject Device(SimulatedMinerReading state) => new()
    {
        ["ASC"] = 0,
        ["Name"] = _luxOs ? "BTM_SOC0" : "AVA10",
        ["ID"] = 0,
        ["Enabled"] = "Y",
        ["Status"] = state.Mode == MinerMode.None ? "Idle" : "Alive",
        ["Temperature"] = Math.Round(state.ChipC, 1),
        ["MHS av"] = Math.Round(state.HashrateThs * 1e6, 2),
        ["MHS 5s"] = Math.Round(state.HashrateThs * 1e6, 2),
        ["Device Elapsed"] = (long)state.Uptime.TotalSeconds,
    };

    private string Error(SimulatedMinerReading state, int code, string message) => Reply(state, "E", code, message);

    private string Reply(SimulatedMinerReading state, string status, int code, string message, string? section = null, params JsonObject[] entries)
    {
        var reply = new JsonObject
        {
            ["STATUS"] = new JsonArray(new JsonObject
            {
                ["STATUS"] = status,
                ["When"] = state.At.ToUnixTimeSeconds(),
                ["Code"] = code,
                ["Msg"] = message,
                ["Description"] = _description,
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
