using BitGridAI.Adapters.Miners;

namespace BitGridAI.Adapters.Tests;

public sealed class AxeOsTests
{
    private const string Info = """
        {"power":14.9,"voltage":5.1,"current":2900,"temp":58.5,"vrTemp":63,"hashRate":1112.4,"frequency":525,
         "coreVoltage":1150,"fanspeed":78,"sharesAccepted":4211,"sharesRejected":3,"uptimeSeconds":86400,
         "ASICModel":"BM1366","version":"v2.15.0"}
        """;

    private static AxeOsClient Client(FakeAxeOs axe) =>
        new(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{axe.Port}"), Timeout = TimeSpan.FromSeconds(2) });

    [Fact]
    public async Task ReadsPowerHashrateAndTheHotterOfChipAndRegulator()
    {
        await using var axe = new FakeAxeOs(Info);

        var reading = await Client(axe).ReadAsync();

        Assert.Equal(14.9, reading.PowerW);
        Assert.Equal(1.1124, reading.HashrateThs!.Value, 6);
        Assert.Equal(63, reading.MaxTempC);
        Assert.Equal(86400, reading.UptimeSeconds);
    }

    [Fact]
    public async Task PausesResumesAndSetsTheFrequency()
    {
        await using var axe = new FakeAxeOs(Info);
        var client = Client(axe);

        await client.PauseAsync();
        await client.SetFrequencyAsync(490, 1100);
        await client.ResumeAsync();

        Assert.Equal(["POST /api/system/pause", """PATCH /api/system {"frequency":490,"coreVoltage":1100}""", "POST /api/system/resume"], axe.Requests);
    }

    [Fact]
    public async Task AnOutOfRangeFrequencyAndGarbageAreClearErrors()
    {
        await using var axe = new FakeAxeOs("<html>captive portal</html>");
        var client = Client(axe);

        var refused = await Assert.ThrowsAsync<MinerApiException>(() => client.SetFrequencyAsync(900, 1300));
        var garbage = await Assert.ThrowsAsync<MinerApiException>(() => client.ReadAsync());

        Assert.Contains("out of range", refused.Message, StringComparison.Ordinal);
        Assert.Contains("not JSON", garbage.Message, StringComparison.Ordinal);
    }
}
