using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BitGridAI.Adapters.Miners;
using BitGridAI.Domain.Decisions;

namespace BitGridAI.Simulator.Tests;

/// <summary>The cgminer API of the simulated Avalon-class and LuxOS miners, read with BitGridAI's client and with raw sockets.</summary>
public sealed class CgminerApiServerTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;
    private CgminerClient _client = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHarness.StartAsync();
        _client = Client(TimeSpan.FromSeconds(5));
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task ReadsTheSimulatedMinersHashrateTemperaturePowerAndUptime()
    {
        await SoftAsync("softon");
        _sim.Clock.Advance(TimeSpan.FromMinutes(10));

        var reading = await _client.ReadAsync();

        Assert.Equal(MinerMode.Standard, _sim.Site.ModeOf(SimulatorHarness.Avalon));
        Assert.Equal(90, reading.HashrateThs);
        Assert.Equal(Math.Round(_sim.Site.MinerChipC(SimulatorHarness.Avalon), 1), reading.MaxTempC);
        Assert.True(reading.MaxTempC > _sim.Site.AmbientC + 10, $"ten minutes at 1674 W should warm the chip, it is {reading.MaxTempC} °C");
        Assert.Equal(1674, reading.PowerW);
        Assert.Equal(600, reading.UptimeSeconds);
    }

    [Fact]
    public async Task WorkModesSoftOffAndSoftOnDriveTheSiteMiner()
    {
        await SoftAsync("softon");
        using (var reply = await _client.CommandAsync("ascset", "0,workmode,set,0"))
        {
            Assert.Equal("ASC 0 set OK", reply.RootElement.GetProperty("STATUS")[0].GetProperty("Msg").GetString());
        }
        Assert.Equal(MinerMode.Eco, _sim.Site.ModeOf(SimulatorHarness.Avalon));
        Assert.Equal(800, (await _client.ReadAsync()).PowerW);

        await _client.SetAvalonWorkModeAsync(2);
        Assert.Equal(MinerMode.Super, _sim.Site.ModeOf(SimulatorHarness.Avalon));

        await SoftAsync("softoff");
        Assert.Equal(MinerMode.None, _sim.Site.ModeOf(SimulatorHarness.Avalon));
        Assert.Equal((0, 0), ((await _client.ReadAsync()).HashrateThs, (await _client.ReadAsync()).PowerW));

        await _client.SetAvalonWorkModeAsync(0); // chosen while off: kept for the next soft on
        Assert.Equal(MinerMode.None, _sim.Site.ModeOf(SimulatorHarness.Avalon));
        await SoftAsync("softon");
        Assert.Equal(MinerMode.Eco, _sim.Site.ModeOf(SimulatorHarness.Avalon));
    }

    [Fact]
    public async Task LuxOsCurtailSleepsAndWakesTheMinerInASession()
    {
        var luxOs = Client(TimeSpan.FromSeconds(5), SimulatorHarness.LuxOs);
        string session;
        using (var logon = await luxOs.CommandAsync("logon"))
        {
            session = logon.RootElement.GetProperty("SESSION")[0].GetProperty("SessionID").GetString()!;
        }

        var stranger = await Assert.ThrowsAsync<MinerApiException>(() => luxOs.CommandAsync("curtail", "not-the-session,wakeup"));
        Assert.Contains("Invalid session id", stranger.Message, StringComparison.Ordinal);
        Assert.Equal(MinerMode.None, _sim.Site.ModeOf(SimulatorHarness.LuxOs));

        (await luxOs.CommandAsync("curtail", $"{session},wakeup")).Dispose();
        Assert.Equal(MinerMode.Standard, _sim.Site.ModeOf(SimulatorHarness.LuxOs));
        (await luxOs.CommandAsync("profileset", $"{session},230MHz")).Dispose();
        Assert.Equal(MinerMode.Eco, _sim.Site.ModeOf(SimulatorHarness.LuxOs));
        using (var power = await luxOs.CommandAsync("power"))
        {
            Assert.Equal(2200, power.RootElement.GetProperty("POWER")[0].GetProperty("Watts").GetDouble());
        }
        var unknown = await Assert.ThrowsAsync<MinerApiException>(() => luxOs.CommandAsync("profileset", $"{session},eco"));
        Assert.Contains("Invalid profile 'eco': 230MHz, default or +1", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(MinerMode.Eco, _sim.Site.ModeOf(SimulatorHarness.LuxOs));
        (await luxOs.CommandAsync("curtail", $"{session},sleep")).Dispose();
        Assert.Equal(MinerMode.None, _sim.Site.ModeOf(SimulatorHarness.LuxOs));
    }

    [Fact]
    public async Task EachFirmwareAnswersItsOwnCommandsAndRefusesTheOthers()
    {
        var luxOs = Client(TimeSpan.FromSeconds(5), SimulatorHarness.LuxOs);

        var avalonLogon = await Assert.ThrowsAsync<MinerApiException>(() => _client.CommandAsync("logon"));
        var luxOsAscset = await Assert.ThrowsAsync<MinerApiException>(() => luxOs.CommandAsync("ascset", "0,workmode,set,2"));

        Assert.Contains("refused 'logon': Invalid command", avalonLogon.Message, StringComparison.Ordinal);
        Assert.Contains("refused 'ascset': Invalid command", luxOsAscset.Message, StringComparison.Ordinal);
        Assert.Equal(MinerMode.None, _sim.Site.ModeOf(SimulatorHarness.LuxOs));
        using var version = await luxOs.CommandAsync("version");
        Assert.True(version.RootElement.GetProperty("VERSION")[0].TryGetProperty("LUXminer", out _));
    }

    [Fact]
    public async Task ALuxOsMinerReportsGigahashAndKeepsItsPowerOutOfTheStats()
    {
        var luxOs = Client(TimeSpan.FromSeconds(5), SimulatorHarness.LuxOs);
        using (var logon = await luxOs.CommandAsync("logon"))
        {
            var session = logon.RootElement.GetProperty("SESSION")[0].GetProperty("SessionID").GetString()!;
            (await luxOs.CommandAsync("curtail", $"{session},wakeup")).Dispose();
            (await luxOs.CommandAsync("profileset", $"{session},+1")).Dispose();
        }
        _sim.Clock.Advance(TimeSpan.FromMinutes(10));

        var reading = await luxOs.ReadAsync();
        using var summary = await luxOs.CommandAsync("summary");

        Assert.Equal(118_000, summary.RootElement.GetProperty("SUMMARY")[0].GetProperty("GHS 5s").GetDouble());
        Assert.Equal(118, reading.HashrateThs);
        Assert.Null(reading.PowerW); // as on LuxOS: the driver asks "power" for it
        Assert.Equal(Math.Round(_sim.Site.MinerChipC(SimulatorHarness.LuxOs), 1), reading.MaxTempC);
        Assert.Equal(3600, await luxOs.LuxOsPowerAsync());
    }

    [Fact]
    public async Task AnUnknownCommandIsAnErrorStatus()
    {
        var error = await Assert.ThrowsAsync<MinerApiException>(() => _client.CommandAsync("frobnicate"));

        Assert.Contains("refused 'frobnicate': Invalid command", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMinerThatLostContactAcceptsButNeverAnswersUntilContactReturns()
    {
        _sim.Site.LoseContact(SimulatorHarness.Avalon, TimeSpan.FromMinutes(3));
        var impatient = Client(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<MinerApiException>(() => impatient.ReadAsync());
        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);

        _sim.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(0, (await _client.ReadAsync()).PowerW);
    }

    [Fact]
    public async Task AMinerWithoutPowerRefusesConnectionsUntilItsRelayCloses()
    {
        await SoftAsync("softon");
        await _sim.Site.SwitchAsync("plug-1", on: false, CancellationToken.None);

        var error = await Assert.ThrowsAsync<MinerApiException>(() => _client.ReadAsync());
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);

        await _sim.Site.SwitchAsync("plug-1", on: true, CancellationToken.None);
        Assert.Equal(0, (await _client.ReadAsync()).PowerW); // back, but not mining until told to
        await SoftAsync("softon");
        Assert.Equal(1674, (await _client.ReadAsync()).PowerW);
    }

    [Fact]
    public async Task PlainTextRequestsGetTheFirmwaresFormatWithItsQuirks()
    {
        await SoftAsync("softon");

        var stats = await RawAsync("stats|");
        var version = await RawAsync("""{"command":"version","parameter":""}""");

        Assert.EndsWith("\0", stats, StringComparison.Ordinal);
        Assert.Contains("}{\"STATS\":1", stats, StringComparison.Ordinal); // objects glued together, as the firmwares send them
        Assert.Contains($"\"Max Temp\":{Math.Round(_sim.Site.MinerChipC(SimulatorHarness.Avalon), 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}", stats, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(version.TrimEnd('\0'));
        Assert.Equal("S", parsed.RootElement.GetProperty("STATUS")[0].GetProperty("STATUS").GetString());
        Assert.Equal("4.11.1", parsed.RootElement.GetProperty("VERSION")[0].GetProperty("CGMiner").GetString());
    }

    [Fact]
    public async Task TheClientRecoversWhenTheMinerApiRestarts()
    {
        await SoftAsync("softon");
        Assert.Equal(1674, (await _client.ReadAsync()).PowerW);

        await _sim.RestartAsync();

        Assert.Equal(1674, (await _client.ReadAsync()).PowerW);
    }

    private CgminerClient Client(TimeSpan timeout, string minerId = SimulatorHarness.Avalon) => new("127.0.0.1", _sim.Servers.ApiPortOf(minerId), timeout);

    private async Task SoftAsync(string what)
    {
        using var reply = await _client.CommandAsync("ascset", $"0,{what},1:{_sim.Clock.GetUtcNow().ToUnixTimeSeconds()}");
    }

    /// <summary>An independent reader: the request as text, the whole reply until the miner closes.</summary>
    private async Task<string> RawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _sim.Servers.ApiPortOf(SimulatorHarness.Avalon));
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await reader.ReadToEndAsync(deadline.Token);
    }
}
