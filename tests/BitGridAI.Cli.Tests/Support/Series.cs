namespace BitGridAI.Cli.Tests.Support;

/// <summary>Runs <c>bitgrid replay -</c> on a CSV given as text, the way a pipe would feed it.</summary>
internal static class Series
{
    /// <summary>A sunny row at <paramref name="offsetMin"/> in positional order: 5 kW PV, 0.8 kW house, SoC 80 %, a cool miner.</summary>
    public static string Sunny(int offsetMin) => $"{offsetMin},5000,800,0,80,60,5";

    /// <summary>The sun is gone: a running miner would stop.</summary>
    public static string Dark(int offsetMin) => $"{offsetMin},0,800,0,80,60,5";

    public static CliResult Replay(string csv, params string[] options) => Bitgrid.RunWithInput(csv, ["replay", "-", .. options]);

    public static CliResult ReplayRows(params string[] rows) => Replay(string.Join('\n', rows) + "\n");
}
