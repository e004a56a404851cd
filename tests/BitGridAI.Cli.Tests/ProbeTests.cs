using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests;

public sealed class ProbeTests
{
    public static TheoryData<string, string> BadTargets => new()
    {
        { "not a url", "'not a url' is not a URL" },
        { "ftp://192.0.2.1/", "unknown scheme 'ftp' (modbus, cgminer, axeos, mqtt)" },
        { "modbus://127.0.0.1:1502/board", "unit id 'board' must be a number from 0 to 255" },
    };

    [Theory]
    [MemberData(nameof(BadTargets))]
    public void ABadTargetIsOneLineAndExitCodeTwo(string url, string expected)
    {
        var result = Bitgrid.Run("probe", url);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrLines), StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("modbus")]
    [InlineData("cgminer")]
    [InlineData("axeos")]
    public void AnUnreachableDeviceIsOneLineNamingItAndExitCodeTwo(string scheme)
    {
        var port = FreePort();
        var url = $"{scheme}://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/1";

        var result = Bitgrid.Run("probe", url);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"bitgrid probe: {url}: ", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
