using System.Text.Json;
using BitGridAI.Cli.Text;
using Spectre.Console;
using static BitGridAI.Cli.Remote.ConsoleOutput;

namespace BitGridAI.Cli.Remote;

/// <summary>
/// <c>bitgrid export [--from ISO] [--to ISO] [--anonymise] [--json]</c> without <c>--data-dir</c>: the running silo
/// writes a research export into its data directory's <c>exports/</c> (<c>POST /api/v1/export</c>, admin). Refused
/// with exit 3 while the research toggle is off. A spinner on stderr shows the wait when a person watches.
/// </summary>
internal static class RemoteExportCommand
{
    public static int Run(Arguments args, CliIO io)
    {
        if (args.Has("out") || args.Has("by"))
        {
            throw new CliInputException($"--{(args.Has("out") ? "out" : "by")}: only with --data-dir (through the API the silo writes into its data directory's exports/ and logs the token's name)");
        }
        var from = IsoTime.Option(args, "from");
        var to = IsoTime.Option(args, "to");
        if (from is { } f && to is { } t && t <= f)
        {
            throw new CliInputException($"--to: must be after --from (got {IsoTime.Format(f)} to {IsoTime.Format(t)})");
        }
        var anonymise = args.Flag("anonymise");
        var session = RemoteSession.Open("export", "admin", args, io, timeoutS: 1800);
        args.RejectUnknown(maxPositionals: 0);
        return session.Run(async api =>
        {
            var request = api.SendJsonAsync(HttpMethod.Post, "/api/v1/export",
            [
                new("from", from is { } a ? IsoTime.Format(a) : null), new("to", to is { } b ? IsoTime.Format(b) : null), new("anonymise", anonymise),
            ]);
            var answer = io.ErrIsTerminal
                ? await ConsoleOutput.Over(io.Err, terminal: true).Status().Spinner(Spinner.Known.Dots)
                    .StartAsync($"the silo at {Markup.Escape(api.Server)} is writing the export…", _ => request)
                : await request;
            if (session.Json)
            {
                return session.WriteJson(answer);
            }
            var root = answer.Root(api.Server);
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw session.Unexpected($"a JSON {root.ValueKind.ToString().ToLowerInvariant()}");
            }
            session.Out.WriteLine($"export written on the silo host to {Clean(JsonRead.String(root, "directory"))}{(anonymise ? " (anonymised)" : "")}");
            var files = new Table().Border(TableBorder.Rounded);
            files.AddColumn("file");
            files.AddColumn(new TableColumn("rows").RightAligned());
            files.AddColumn("sha256");
            var manifest = JsonRead.Object(root, "manifest") ?? default;
            foreach (var file in JsonRead.Array(manifest, "files"))
            {
                files.AddRow(Plain(JsonRead.String(file, "name")), Plain(Show.Number(JsonRead.Number(file, "rows"), "0")), Plain(JsonRead.String(file, "sha256")));
            }
            files.AddRow(Plain("manifest.json"), Plain(""), Plain($"{Clean(JsonRead.String(root, "manifest_sha256"))} (logged)"));
            session.Out.Write(files);
            return CliApp.Ok;
        });
    }
}
