using BitGridAI.Adapters.Miners;

namespace BitGridAI.Adapters.Tests;

public sealed class CgminerTests
{
    /// <summary>Replies in the shapes cgminer-family firmwares send, warts included.</summary>
    private static readonly Dictionary<string, string> Avalon = new()
    {
        ["summary"] = """{"STATUS":[{"STATUS":"S","When":1764100000,"Code":11,"Msg":"Summary","Description":"cgminer 4.11.1"}],"SUMMARY":[{"Elapsed":3600,"MHS av":89500000.00,"MHS 5s":90250000.50,"Accepted":120,}],"id":1}""",
        ["stats"] = """{"STATUS":[{"STATUS":"S","Msg":"CGMiner stats"}],"STATS":[{"ID":"AVA100","Temp":71,"Max Temp":84.5,"Power":1674}{"ID":"POOL0","Pool Rate":nan}],"id":1}""",
        ["ascset"] = """{"STATUS":[{"STATUS":"I","When":1764100001,"Code":118,"Msg":"ASC 0 set OK","Description":"cgminer 4.11.1"}],"id":1}""",
    };

    [Theory]
    [InlineData("""{"a":inf,"b":-inf,"c":nan}""", """{"a":null,"b":null,"c":null}""")]
    [InlineData("""{"a":1}{"b":2}""", """{"a":1},{"b":2}""")]
    [InlineData("""{"a":[1,2,],"b":{"c":3,},}""", """{"a":[1,2],"b":{"c":3}}""")]
    [InlineData("{\"msg\":\"info: inf, nan, }{ stay\"}\u0000", "{\"msg\":\"info: inf, nan, }{ stay\"}")]
    public void RepairsWhatFirmwaresEmitWithoutTouchingStrings(string broken, string repaired)
    {
        Assert.Equal(repaired, CgminerJson.Repair(broken));
    }

    [Fact]
    public async Task ReadsHashrateTemperaturePowerAndUptimeFromMalformedReplies()
    {
        await using var miner = new FakeCgminer(Avalon);
        var client = new CgminerClient("127.0.0.1", miner.Port, TimeSpan.FromSeconds(2));

        var reading = await client.ReadAsync();

        Assert.Equal(90.2500005, reading.HashrateThs!.Value, 6);
        Assert.Equal(84.5, reading.MaxTempC);
        Assert.Equal(1674, reading.PowerW);
        Assert.Equal(3600, reading.UptimeSeconds);
    }

    [Fact]
    public async Task SetsTheAvalonWorkModeWithAscset()
    {
        await using var miner = new FakeCgminer(Avalon);
        var client = new CgminerClient("127.0.0.1", miner.Port, TimeSpan.FromSeconds(2));

        await client.SetAvalonWorkModeAsync(0);

        Assert.Equal(["ascset|0,workmode,set,0"], miner.Requests);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.SetAvalonWorkModeAsync(3));
    }

    [Fact]
    public async Task AnErrorStatusIsAnErrorNamingTheMinersMessage()
    {
        await using var miner = new FakeCgminer(Avalon);
        var client = new CgminerClient("127.0.0.1", miner.Port, TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<MinerApiException>(() => client.CommandAsync("devs"));

        Assert.Contains("Invalid command", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GarbageAndSilenceAreClearErrorsNotCrashes()
    {
        await using var garbage = new FakeCgminer(new() { ["summary"] = "\u0001\u0002 not json at all" });
        var client = new CgminerClient("127.0.0.1", garbage.Port, TimeSpan.FromSeconds(2));
        var notJson = await Assert.ThrowsAsync<MinerApiException>(() => client.CommandAsync("summary"));
        Assert.Contains("not JSON", notJson.Message, StringComparison.Ordinal);

        var nobody = new CgminerClient("127.0.0.1", PeerProcess.FreePort(), TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<MinerApiException>(() => nobody.CommandAsync("summary"));
    }

    [Fact]
    public async Task AReplyLargerThanOneMebibyteIsRefusedNotBufferedWhole()
    {
        // A miner (or something pretending to be one) that never stops talking: 2 MiB without a terminator.
        var endless = "{\"SUMMARY\":[{\"MHS av\":" + new string('9', 2 << 20) + "}]}";
        await using var miner = new FakeCgminer(new() { ["summary"] = endless });
        var client = new CgminerClient("127.0.0.1", miner.Port, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<MinerApiException>(() => client.CommandAsync("summary"));

        Assert.Contains("reply larger than 1048576 bytes", error.Message, StringComparison.Ordinal);    }
}
