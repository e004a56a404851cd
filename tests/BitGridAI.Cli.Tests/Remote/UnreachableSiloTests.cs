using System.Net;
using System.Net.Sockets;

namespace BitGridAI.Cli.Tests.Remote;

/// <summary>When no silo answers, the console says which address it tried and how to start one: exit 5.</summary>
public sealed class UnreachableSiloTests
{
    [Theory]
    [InlineData("status")]
    [InlineData("decisions")]
    [InlineData("override", "stop", "--minutes", "10")]
    [InlineData("kpis")]
    [InlineData("emergency-stop")]
    public void AClosedPortIsExit5NamingTheAddressAndHowToStartTheSilo(params string[] args)
    {
        var url = $"http://127.0.0.1:{ClosedPort()}";

        var result = ApiConsole.Run(url, "bgt_x", args);

        Assert.Equal(5, result.ExitCode);
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.ErrLines);
        Assert.Contains($"the silo at {url} is unreachable (connection refused)", line, StringComparison.Ordinal);
        Assert.Contains("scripts/run.sh", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ASiloThatNeverAnswersIsExit5AfterTheTimeout()
    {
        using var silo = new FakeSilo(new Canned(200, "") { Hang = true });

        var result = ApiConsole.Run(silo.Url, "bgt_x", "status", "--timeout", "1");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal($"bitgrid status: the silo at {silo.Url} did not answer within 1 s; is it running and reachable? (scripts/run.sh starts it)", Assert.Single(result.ErrLines));
    }

    /// <summary>A port nothing listens on: bound, read and released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
