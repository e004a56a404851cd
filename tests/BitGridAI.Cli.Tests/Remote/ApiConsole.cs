using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests.Remote;

/// <summary>Runs the console against a silo's address with a token, as <c>BITGRID_SERVER</c> and <c>BITGRID_TOKEN</c> would give them.</summary>
internal static class ApiConsole
{
    public static CliResult Run(string server, string? token, params string[] args) =>
        Bitgrid.RunWithEnvironment(new Dictionary<string, string?> { ["BITGRID_SERVER"] = server, ["BITGRID_TOKEN"] = token }, args);
}
