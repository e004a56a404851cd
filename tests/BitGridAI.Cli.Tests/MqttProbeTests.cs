using System.Globalization;
using BitGridAI.Adapters.Tests;
using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests;

/// <summary><c>bitgrid probe mqtt://…</c> run as a process against a real mosquitto, with mosquitto_pub publishing.</summary>
public sealed class MqttProbeTests : IDisposable
{
    private readonly Mosquitto _broker = new();

    private string Url(string topic) => $"mqtt://127.0.0.1:{_broker.Port.ToString(CultureInfo.InvariantCulture)}/{topic}";

    [Fact]
    public async Task TheProbePrintsTheNextMessagesUnderAWildcardAsJsonLines()
    {
        MosquittoPub.Publish(_broker.Port, "bitgrid/home/status", "online", retain: true);
        using var stop = new CancellationTokenSource();
        // Live messages keep coming until the probe has what it asked for.
        var live = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                MosquittoPub.Publish(_broker.Port, "bitgrid/home/devices/pv-1/telemetry", """{"pv_power_w":4200}""");
                await Task.Delay(200);
            }
        });

        var result = await BitgridProcess.RunAsync("", "probe", Url("bitgrid/#"), "--count", "2", "--timeout", "20");
        await stop.CancelAsync();
        await live;

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Err);
        var lines = result.JsonLines;
        Assert.Equal(2, lines.Count);
        Assert.Equal(("bitgrid/home/status", true, "online"),
            (lines[0].GetProperty("topic").GetString(), lines[0].GetProperty("retained").GetBoolean(), lines[0].GetProperty("payload").GetString()));
        Assert.Equal(("bitgrid/home/devices/pv-1/telemetry", false, """{"pv_power_w":4200}"""),
            (lines[1].GetProperty("topic").GetString(), lines[1].GetProperty("retained").GetBoolean(), lines[1].GetProperty("payload").GetString()));
    }

    [Fact]
    public async Task NothingWithinTheTimeoutIsExitCodeOneWithALineSayingSo()
    {
        var result = await BitgridProcess.RunAsync("", "probe", Url("tele/+/SENSOR"), "--timeout", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Equal($"bitgrid probe: {Url("tele/+/SENSOR")}: 0 of 10 message(s) within 1 s", Assert.Single(result.ErrLines));
    }

    [Fact]
    public async Task AnUnreachableBrokerIsExitCodeTwoWithOneLineNamingIt()
    {
        var url = Url("bitgrid/#");
        _broker.Stop();

        var result = await BitgridProcess.RunAsync("", "probe", url);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"bitgrid probe: {url}: cannot subscribe at 127.0.0.1:{_broker.Port.ToString(CultureInfo.InvariantCulture)}: ", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mqtt://127.0.0.1:1883", "names no topic")]
    [InlineData("mqtt://127.0.0.1:1883/", "names no topic")]
    [InlineData("mqtt://:1883/x", "is not a URL such as mqtt://")]
    public void AUrlWithoutATopicOrHostIsExitCodeTwo(string url, string expected)
    {
        var result = Bitgrid.Run("probe", url);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void ACountOutOfRangeNamesTheOption()
    {
        var result = Bitgrid.Run("probe", "mqtt://127.0.0.1:1883/x", "--count", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("bitgrid probe: --count: must be a whole number from 1 to 1000000 (got '0')", Assert.Single(result.ErrLines));
    }

    public void Dispose() => _broker.Dispose();
}
