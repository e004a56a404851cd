using System.Text.Json;

namespace BitGridAI.Cli.Remote;

/// <summary><c>bitgrid status [--json]</c>: the site now — flows, miners, overrides with their time left, autonomy, health (<c>GET /api/v1/site</c>).</summary>
internal static class StatusCommand
{
    public static int Run(Arguments args, CliIO io)
    {
        var session = RemoteSession.Open("status", "viewer", args, io);
        args.RejectUnknown(maxPositionals: 0);
        return session.Run(async api =>
        {
            var answer = await api.GetAsync("/api/v1/site");
            if (session.Json)
            {
                return session.WriteJson(answer);
            }
            var site = answer.Root(api.Server);
            if (site.ValueKind != JsonValueKind.Object)
            {
                throw session.Unexpected($"a JSON {site.ValueKind.ToString().ToLowerInvariant()}");
            }
            SiteTables.Write(session.Out, site);
            return CliApp.Ok;
        });
    }
}
