using System.Globalization;
using System.Text.Json;
using BitGridAI.Cli.Remote;
using BitGridAI.Cli.Text;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.History;
using BitGridAI.Domain.Time;

namespace BitGridAI.Cli.History;

/// <summary>
/// <c>bitgrid replay --data-dir DIR [--from ISO] [--to ISO] [--config F] [--out F] [--json]</c>. Without
/// <c>--config</c>: every recorded block tick decision through the engine again with its own configuration — exit 0
/// when all are reproduced, 1 listing those that are not. With <c>--config</c>: a closed-loop what-if
/// (<see cref="WhatIfReplay"/>) listing the decisions that differ and the KPI deltas.
/// </summary>
internal static class HistoryReplayCommand
{
    public const int NotReproduced = 1;

    public static int Run(Arguments args, CliIO io)
    {
        var range = HistoryRange.Read(args);
        var configPath = args.Option("config");
        var overlay = configPath is null ? null : ConfigJson.ReadOverlayFile(configPath);
        var outPath = args.Option("out");
        var json = args.Flag("json");
        args.RejectUnknown(maxPositionals: 0);
        var history = ConsoleOutput.Busy(io, $"reading the event log in {range.DataDir}…", range.Load);
        if (overlay is not null)
        {
            // Each recorded version with the file's keys must still be a valid configuration.
            foreach (var config in history.Blocks.Select(b => b.Config).OfType<HistoryConfig>().Distinct())
            {
                ConfigJson.Validated(overlay(config.Engine), "config.");
            }
        }

        using var file = outPath is null ? null : Replay.ReplayCommand.OpenOutput(outPath);
        using var output = new StreamWriter(file ?? io.Out, leaveOpen: true) { NewLine = "\n" };
        var exit = overlay is null ? Reproduce(history, output, json, io) : WhatIf(history, overlay, configPath!, output, json, io);
        output.Flush();
        HistoryNotes.WriteSkipped(io.Err, history);
        return exit;
    }

    private static int Reproduce(RecordedHistory history, StreamWriter output, bool json, CliIO io)
    {
        var report = ConsoleOutput.Busy(io, $"replaying {history.Blocks.Count} recorded blocks…", () => DeterminismCheck.Run(history));
        foreach (var mismatch in report.Mismatches)
        {
            output.WriteLine(json ? Json(mismatch, "replayed") : Line(mismatch, "replayed"));
        }
        var summary = $"{report.Checked - report.Mismatches.Count} of {report.Checked} recorded decisions reproduced"
            + (history.SkippedRecords > 0 ? $"; {history.SkippedRecords} record(s) could not be read and were not checked (see stderr): not a full check" : "")
            + (report.Checked == 0 ? "; nothing was checked (no recorded block decisions in the range)" : "");
        output.WriteLine(json ? JsonLine(w =>
        {
            w.WriteNumber("checked", report.Checked);
            w.WriteNumber("reproduced", report.Checked - report.Mismatches.Count);
            w.WriteNumber("skipped_records", history.SkippedRecords);
        }) : summary);
        // A check that skipped records, or checked nothing, proves nothing: scripts relying on exit 0 must not be told it held.
        return report.Reproduced && report.Checked > 0 && history.SkippedRecords == 0 ? CliApp.Ok : NotReproduced;
    }

    private static int WhatIf(RecordedHistory history, Func<EngineConfig, EngineConfig> overlay, string configPath, StreamWriter output, bool json, CliIO io)
    {
        var report = ConsoleOutput.Busy(io, $"simulating {history.Blocks.Count} blocks with {configPath}…", () => WhatIfReplay.Run(history, overlay));
        foreach (var change in report.Changed)
        {
            output.WriteLine(json ? Json(change, "what_if") : Line(change, "what-if"));
        }
        var deltas = Deltas(report);
        if (json)
        {
            output.WriteLine(JsonLine(w =>
            {
                w.WriteString("config", configPath);
                w.WriteNumber("decisions", report.Decided);
                w.WriteNumber("differ", report.Changed.Count);
                w.WriteStartObject("kpis");
                foreach (var (name, recorded, whatIf) in deltas)
                {
                    w.WriteStartObject(name);
                    KpiOutput.Number(w, "recorded", recorded);
                    KpiOutput.Number(w, "what_if", whatIf);
                    KpiOutput.Number(w, "delta", whatIf - recorded);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteString("resimulated", report.Resimulated);
            }));
            return CliApp.Ok;
        }
        output.WriteLine($"what-if {configPath}: {report.Changed.Count} of {report.Decided} decisions differ");
        output.WriteLine($"{"kpi",-22} {"recorded",12} {"what-if",12} {"delta",12}");
        foreach (var (name, recorded, whatIf) in deltas)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-22} {KpiOutput.Value(recorded),12} {KpiOutput.Value(whatIf),12} {KpiOutput.Value(whatIf - recorded),12}"));
        }
        output.WriteLine(report.Resimulated);
        return CliApp.Ok;
    }

    private static List<(string Name, double? Recorded, double? WhatIf)> Deltas(WhatIfReport report)
    {
        var (r, w) = (report.Recorded, report.WhatIf);
        return
        [
            ("miner_kwh", r.MinerKwh, w.MinerKwh),
            ("sats_estimated", r.Sats, w.Sats),
            ("grid_import_kwh", r.ImportKwh, w.ImportKwh),
            ("grid_export_kwh", r.ExportKwh, w.ExportKwh),
            ("self_consumption_pct", r.SelfConsumption * 100, w.SelfConsumption * 100),
            ("actuator_changes", r.ActuatorChanges, w.ActuatorChanges),
        ];
    }

    private static string Line(DecisionDifference d, string what) =>
        $"block {BlockClock.IdOf(d.BlockIndex)} miner {d.MinerId}: recorded {Code(d.Recorded)}, {what} {Code(d.Replayed)}";

    private static string Json(DecisionDifference d, string what) => JsonLine(w =>
    {
        w.WriteString("block", BlockClock.IdOf(d.BlockIndex));
        w.WriteString("miner", d.MinerId);
        w.WriteString("recorded", Code(d.Recorded));
        w.WriteString(what, Code(d.Replayed));
    });

    private static string Code(Domain.Decisions.DecisionCode code) => Domain.Decisions.DecisionCodes.Info(code).Name;

    private static string JsonLine(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
