using System.Text.Json;
using BitGridAI.Cli.Text;
using Spectre.Console;
using static BitGridAI.Cli.Remote.ConsoleOutput;

namespace BitGridAI.Cli.Remote;

/// <summary>
/// <c>bitgrid kpis [--from ISO] [--to ISO] [--period block|day] [--json]</c> without <c>--data-dir</c>: the running
/// silo's KPIs (<c>GET /api/v1/kpis</c>) as a table with a total row, or the API's document unchanged.
/// </summary>
internal static class RemoteKpisCommand
{
    private static readonly (string Header, string Field, Func<double?, string> Format)[] Columns =
    [
        ("PV kWh", "pv_kwh", v => Show.Number(v, "0.000")),
        ("house kWh", "house_kwh", v => Show.Number(v, "0.000")),
        ("import kWh", "import_kwh", v => Show.Number(v, "0.000")),
        ("export kWh", "export_kwh", v => Show.Number(v, "0.000")),
        ("miner kWh", "miner_kwh", v => Show.Number(v, "0.000")),
        ("self-cons.", "self_consumption", Show.Percent),
        ("autarky", "autarky", Show.Percent),
        ("sats (est.)", "sats", v => Show.Number(v, "0")),
        ("sats/kWh", "sats_per_kwh", v => Show.Number(v, "0")),
        ("feed-in sats/kWh", "feed_in_sats_per_kwh", v => Show.Number(v, "0")),
        ("changes", "actuator_changes", v => Show.Number(v, "0")),
        ("thermal stops", "thermal_stops", v => Show.Number(v, "0")),
        ("ovr ok/no", "", _ => ""),
    ];

    public static int Run(Arguments args, CliIO io)
    {
        var from = IsoTime.Option(args, "from");
        var to = IsoTime.Option(args, "to");
        if (from is { } f && to is { } t && t <= f)
        {
            throw new CliInputException($"--to: must be after --from (got {IsoTime.Format(f)} to {IsoTime.Format(t)})");
        }
        var period = args.Option("period") switch
        {
            null or "day" => "day",
            "block" => "block",
            var other => throw new CliInputException($"--period: must be block or day (got '{other}')"),
        };
        var session = RemoteSession.Open("kpis", "viewer", args, io, timeoutS: 120);
        args.RejectUnknown(maxPositionals: 0);
        var query = $"period={period}{(from is { } a ? $"&from={Uri.EscapeDataString(IsoTime.Format(a))}" : "")}{(to is { } b ? $"&to={Uri.EscapeDataString(IsoTime.Format(b))}" : "")}";
        return session.Run(async api =>
        {
            var answer = await api.GetAsync($"/api/v1/kpis?{query}");
            if (session.Json)
            {
                return session.WriteJson(answer);
            }
            var root = answer.Root(api.Server);
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw session.Unexpected($"a JSON {root.ValueKind.ToString().ToLowerInvariant()}");
            }
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"KPIs per {Clean(JsonRead.String(root, "period") ?? period)}"));
            table.AddColumn("period");
            table.AddColumn(new TableColumn("blocks").RightAligned());
            foreach (var column in Columns)
            {
                table.AddColumn(new TableColumn(column.Header).RightAligned());
            }
            foreach (var row in JsonRead.Array(root, "rows").Append(JsonRead.Object(root, "total") ?? default))
            {
                if (row.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }
                var partial = JsonRead.Array(row, "partial").Select(JsonRead.Text).OfType<string>().ToHashSet();
                var cells = new List<string> { Clean(JsonRead.String(row, "period")), Show.Number(JsonRead.Number(row, "blocks"), "0") };
                cells.AddRange(Columns.Select(c => c.Field.Length == 0
                    ? $"{Show.Number(JsonRead.Number(row, "overrides_accepted"), "0")}/{Show.Number(JsonRead.Number(row, "overrides_refused"), "0")}"
                    : c.Format(JsonRead.Number(row, c.Field)) + (partial.Contains(c.Field.Replace("_kwh", "", StringComparison.Ordinal)) ? "*" : "")));
                table.AddRow(cells.Select(Plain));
            }
            session.Out.Write(table);
            session.Out.WriteLine("— missing (no block of the period measured it); * partial (some blocks did not); sats are estimated (docs/kpis.md)");
            if (JsonRead.Number(root, "skipped_records") is > 0 and var skipped)
            {
                io.Err.WriteLine($"note: the silo skipped {skipped:0} unreadable record(s) of its event log");
            }
            return CliApp.Ok;
        });
    }
}
