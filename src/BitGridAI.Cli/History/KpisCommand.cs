using System.Text.Json;
using BitGridAI.Domain.Kpis;

namespace BitGridAI.Cli.History;

/// <summary>
/// <c>bitgrid kpis --data-dir DIR [--from ISO --to ISO] [--period block|day] [--json]</c>: the recorded KPIs per
/// block or per UTC day (docs/kpis.md), as a table or JSON lines, then a total row.
/// </summary>
internal static class KpisCommand
{
    public static int Run(Arguments args, CliIO io)
    {
        var range = HistoryRange.Read(args);
        var perBlock = args.Option("period") switch
        {
            null or "day" => false,
            "block" => true,
            var other => throw new CliInputException($"--period: must be block or day (got '{other}')"),
        };
        var json = args.Flag("json");
        args.RejectUnknown(maxPositionals: 0);
        var history = range.Load();

        var (rows, total) = KpiPeriods.Sum(history, perBlock);

        if (json)
        {
            using var writer = new Utf8JsonWriter(io.Out);
            foreach (var (period, row) in rows.Append(("total", total)))
            {
                KpiOutput.WriteJson(writer, period, row);
                writer.Flush();
                writer.Reset();
                io.Out.WriteByte((byte)'\n');
            }
        }
        else
        {
            using var output = new StreamWriter(io.Out, leaveOpen: true) { NewLine = "\n" };
            output.WriteLine(KpiOutput.Header);
            foreach (var (period, row) in rows)
            {
                output.WriteLine(KpiOutput.Row(period, row));
            }
            output.WriteLine(KpiOutput.Row("total", total));
            output.WriteLine(KpiOutput.Legend);
        }
        io.Out.Flush();
        HistoryNotes.WriteSkipped(io.Err, history);
        return CliApp.Ok;
    }
}
