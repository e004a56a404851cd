using BitGridAI.Cli.Codes;
using BitGridAI.Cli.Database;
using BitGridAI.Cli.Decide;
using BitGridAI.Cli.Demo;
using BitGridAI.Cli.Explaining;
using BitGridAI.Cli.History;
using BitGridAI.Cli.Log;
using BitGridAI.Cli.Mirror;
using BitGridAI.Cli.Probe;
using BitGridAI.Cli.Remote;
using BitGridAI.Cli.Replay;
using BitGridAI.Cli.Research;
using BitGridAI.Cli.Synth;
using BitGridAI.Cli.Tokens;

namespace BitGridAI.Cli;

/// <summary>The <c>bitgrid</c> console: dispatches a command and turns bad input into exit code 2 with one line naming it.</summary>
internal static class CliApp
{
    public const int Ok = 0;
    /// <summary>The command could not do its work (nothing found, a broken log, an answer the console cannot read).</summary>
    public const int Failed = 1;
    public const int InputError = 2;
    /// <summary>Refused by a rule: the token lacks the role, a safety lockout, research off, too many requests.</summary>
    public const int Refused = 3;
    /// <summary>The silo took no token, or did not know it (401).</summary>
    public const int Unauthorized = 4;
    /// <summary>The silo did not answer: connection refused, unknown host, timeout.</summary>
    public const int Unreachable = 5;

    private const string Usage = """
        usage: bitgrid <command> [options]

        The running silo, over its HTTP API (server and token: --server URL / --token T, else BITGRID_SERVER /
        BITGRID_TOKEN, else $XDG_CONFIG_HOME/bitgrid/console.json (default ~/.config/bitgrid/console.json) with
        {"server": "...", "token": "..."}, else http://127.0.0.1:8080 and no token; --timeout S; --json prints the
        API's answer unchanged; see docs/console.md):
          status                     the site now: energy flows, miners, overrides and their time left, autonomy, health
          decisions [--limit N]      the newest recorded decisions (default 20, at most 1000)
          explain BLOCK_ID [--lang en|de] [--persona energy|heat|tech] [--miner ID]
                                     a block's decisions explained by the silo (exit 1 when it keeps none)
          override start|throttle|stop --minutes N [--reason TEXT] [--miner ID]
                                     take over the miners (or one) for N minutes (operator); refused during a safety lockout
          override clear [--miner ID]
          autonomy [get] | autonomy set FULL|SEMI|MANUAL     (set: operator)
          emergency-stop [--reason TEXT]
                                     every miner stops at once and stays stopped until acknowledged (operator)
          ack                        acknowledge the emergency stop; each miner's safety lockout runs from here (operator)
          kpis [--from ISO] [--to ISO] [--period block|day]
                                     the silo's KPIs as a table with a total row
          export [--from ISO] [--to ISO] [--anonymise]
                                     the silo writes a research export into its data directory's exports/ (admin)

        On files, without the silo:
          decide                     read one JSON state on stdin, print the decision as JSON
                 [--explain [--lang en|de] [--persona energy|heat|tech]]
                                     add the decision's explanation (unknown language/persona: English/energy + a note)
          replay FILE.csv            replay a series through the engine, one JSON line per row
                 [--config F] [--strategy surplus|soc_band] [--autonomy FULL|SEMI|MANUAL]
                 [--out F] [--skip-bad-rows]
          replay --data-dir DIR [--from ISO] [--to ISO] [--config F] [--out F] [--json]
                                     replay recorded history: without --config, every recorded block decision
                                     through the engine again (exit 1 listing any not reproduced); with --config
                                     (engine keys over the recorded config), a closed-loop what-if listing the
                                     decisions that differ and the KPI deltas
          kpis --data-dir DIR [--from ISO] [--to ISO] [--period block|day] [--json]
                                     recorded KPIs per day (default) or block: energy, self-consumption, autarky,
                                     miner energy, estimated sats, values, flapping, thermal stops, overrides,
                                     decision latency (docs/kpis.md)
          synth --days N --seed S [--out F]
                                     write a deterministic synthetic series in replay's CSV format
          demo [--day N] [--seed S]  replay one synthetic day and print its decisions as a table
          explain BLOCK_ID --data-dir DIR [--lang en|de] [--persona energy|heat|tech] [--miner ID] [--json]
                                     explain a recorded block's decisions from the event log,
                                     with what would have changed them; exit 1 when the block has none
          token create --role viewer|operator|admin [--name N] [--days D] | list | revoke NAME  [--data-dir DIR]
                                     API tokens in the silo's data directory (default data): a new one is printed once
          verify-log --data-dir DIR [--json]
                                     check the event log's hash chain: exit 0 with the record count and head,
                                     exit 1 naming the first broken record
          research on|off|status --data-dir DIR [--by NAME] [--site ID]
                                     switch the research toggle (logged in the event log; works while the silo runs)
          export --data-dir DIR --out DIR2 [--from ISO] [--to ISO] [--anonymise] [--by NAME]
                                     write Parquet files + manifest.json of [from, to) into DIR2/export-<time>/;
                                     only while research is on (exit 3 otherwise); --anonymise swaps device ids
                                     for per-export pseudonyms and drops free text
          mirror --data-dir DIR --target T [--segment-records N] [--exports DIR]
                                     send new closed log segments and exports (default DIR/exports) to T,
                                     encrypted with DIR/mirror.key (AES-256-GCM; the key never leaves DIR)
          mirror verify --data-dir DIR --target T
                                     decrypt and check every mirrored file: exit 1 naming the first bad one
          db init --connection "Host=H;Port=P;Username=U;Password=W;Database=D" [--wait S]
                                     create or update the PostgreSQL tables and named queries of Orleans' membership,
                                     reminders and grain state (idempotent; pool at most 20 unless set; docs/postgres.md);
                                     --wait retries an unreachable server for S seconds (exit 5 naming host:port)
          codes                      list every decision code with its meaning and params (Markdown)
          probe URL                  read a device: modbus://host:port/unit (SunSpec), cgminer://host:port,
                                     axeos://host:port — prints what it finds as JSON;
                                     mqtt://[user:pass@]host:port/topic (wildcards + and # allowed)
                                     [--count N] [--timeout S] prints the next N messages as JSON lines

        Exit codes (one line on stderr says why whenever it is not 0):
          0  ok
          1  failed: explain found no decision for the block (or the silo keeps none: 404), probe mqtt received nothing
             within --timeout, verify-log found a broken chain, replay --data-dir a decision it could not reproduce,
             mirror verify found a bad file, export/mirror could not read the log, the silo failed (5xx) or sent an
             answer the console cannot read, db init was refused by PostgreSQL (password, database)
          2  bad input: an option or argument, or input the silo refused (400, with its Problem Details)
          3  refused: the token lacks the role (403), a safety lockout (409), research off
             (409, or export --data-dir), too many requests (429)
          4  unauthorized: no token, or one the silo does not know (401)
          5  the silo is unreachable (connection refused, unknown host, timeout): start it with scripts/run.sh;
             db init: PostgreSQL is unreachable
        """;

    private static readonly IReadOnlySet<string> Flags = new HashSet<string> { "skip-bad-rows", "help", "json", "anonymise", "explain" };

    private static readonly string[] Commands =
    [
        "status", "decisions", "explain", "override", "autonomy", "emergency-stop", "ack", "kpis", "export", "token",
        "decide", "replay", "synth", "demo", "codes", "probe", "verify-log", "research", "mirror", "db",
    ];

    /// <summary>
    /// Kept out of <see cref="Run"/>: the console compiles whole methods up front, and the network
    /// drivers probe needs should not be loaded (~20 ms) for a replay.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int Probe(Arguments arguments, CliIO io) => ProbeCommand.RunAsync(arguments, io).GetAwaiter().GetResult();

    public static int Run(string[] args, CliIO io, TimeProvider clock)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            io.Err.WriteLine(Usage);
            return args.Length == 0 ? InputError : Ok;
        }
        try
        {
            var arguments = new Arguments(args.Skip(1), Flags);
            return args[0] switch
            {
                "decide" => DecideCommand.Run(arguments, io, clock),
                "replay" => arguments.Has("data-dir") ? HistoryReplayCommand.Run(arguments, io) : ReplayCommand.Run(arguments, io),
                "synth" => SynthCommand.Run(arguments, io),
                "demo" => DemoCommand.Run(arguments, io),
                "codes" => CodesCommand.Run(arguments, io),
                "verify-log" => VerifyLogCommand.Run(arguments, io),
                "explain" => arguments.Has("data-dir") ? ExplainCommand.Run(arguments, io) : RemoteExplainCommand.Run(arguments, io),
                "token" => TokenCommand.Run(arguments, io, clock),
                "research" => ResearchCommand.Run(arguments, io, clock),
                "export" => arguments.Has("data-dir") ? ExportCommand.Run(arguments, io, clock) : RemoteExportCommand.Run(arguments, io),
                "mirror" => MirrorCommand.Run(arguments, io),
                "kpis" => arguments.Has("data-dir") ? KpisCommand.Run(arguments, io) : RemoteKpisCommand.Run(arguments, io),
                "status" => StatusCommand.Run(arguments, io),
                "decisions" => DecisionsCommand.Run(arguments, io),
                "override" => OverrideCommand.Run(arguments, io),
                "autonomy" => AutonomyCommand.Run(arguments, io),
                "emergency-stop" => EmergencyStopCommand.Stop(arguments, io),
                "ack" => EmergencyStopCommand.Acknowledge(arguments, io),
                "probe" => Probe(arguments, io),
                "db" => DbCommand.Run(arguments, io),
                _ => throw new CliInputException($"unknown command '{args[0]}' (commands: {string.Join(", ", Commands)}; see bitgrid --help)"),
            };
        }
        catch (CliInputException e)
        {
            io.Err.WriteLine(OneLine($"bitgrid {args[0]}: {e.Message}"));
            return InputError;
        }
    }

    /// <summary>
    /// Messages quote the user's input (a key, a cell, a command name), which may hold a line break;
    /// escaping control characters keeps the promise of exactly one line on stderr.
    /// </summary>
    internal static string OneLine(string message) =>
        message.Any(char.IsControl)
            ? string.Concat(message.Select(c => c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            }))
            : message;
}
