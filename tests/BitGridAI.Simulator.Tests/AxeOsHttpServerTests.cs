using System.Net;
using System.Text;
using System.Text.Json;
using BitGridAI.Adapters.Miners;
using BitGridAI.Domain.Decisions;

namespace BitGridAI.Simulator.Tests;

/// <summary>The AxeOS HTTP API of the simulated Bitaxe-class miner, read with BitGridAI's client and with plain HTTP.</summary>
public sealed class AxeOsHttpServerTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;
    private HttpClient _http = null!;
    private AxeOsClient _client = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHarness.StartAsync();
        _http = Http(TimeSpan.FromSeconds(5));
        _client = new AxeOsClient(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task ReadsTheSimulatedBitaxe()
    {
        await _client.ResumeAsync();
        _sim.Clock.Advance(TimeSpan.FromMinutes(10));

        var reading = await _client.ReadAsync();
        using var info = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/api/system/info", UriKind.Relative)));

        Assert.Equal((1.2, 15.0, 600L), (reading.HashrateThs, reading.PowerW, reading.UptimeSeconds));
        Assert.Equal(Math.Round(_sim.Site.MinerChipC(SimulatorHarness.Bitaxe), 1), reading.MaxTempC);
        var root = info.RootElement;
        Assert.Equal("BM1370", root.GetProperty("ASICModel").GetString());
        Assert.Equal(1200, root.GetProperty("hashRate").GetDouble());
        Assert.Equal(525, root.GetProperty("frequency").GetInt32());
        Assert.Equal(3000, root.GetProperty("current").GetDouble()); // 15 W at 5 V
        foreach (var key in new[] { "voltage", "temp", "vrTemp", "coreVoltage", "fanspeed", "sharesAccepted", "sharesRejected", "uptimeSeconds", "version" })
        {
            Assert.True(root.TryGetProperty(key, out _), $"/api/system/info has no '{key}'");
        }
    }

    [Fact]
    public async Task PauseAndResumeStopAndStartMining()
    {
        await _client.ResumeAsync();
        Assert.Equal(MinerMode.Standard, _sim.Site.ModeOf(SimulatorHarness.Bitaxe));

        await _client.PauseAsync();
        Assert.Equal(MinerMode.None, _sim.Site.ModeOf(SimulatorHarness.Bitaxe));
        Assert.Equal((0.0, 0.0), ((await _client.ReadAsync()).HashrateThs, (await _client.ReadAsync()).PowerW));

        await _client.ResumeAsync();
        Assert.Equal(15, (await _client.ReadAsync()).PowerW);
    }

    [Fact]
    public async Task FrequencySetsThePowerAlongTheModesPointsAndOutOfRangeIsRefusedWith400()
    {
        await _client.ResumeAsync();

        var refused = await Assert.ThrowsAsync<MinerApiException>(() => _client.SetFrequencyAsync(900, 1150));
        Assert.Contains("out of range", refused.Message, StringComparison.Ordinal);
        Assert.Equal(15, (await _client.ReadAsync()).PowerW);
        using var badVoltage = await _http.PatchAsync(new Uri("/api/system", UriKind.Relative), new StringContent("""{"coreVoltage":2000}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badVoltage.StatusCode);

        await _client.SetFrequencyAsync(420, 1100);

        Assert.Equal(10.8, (await _client.ReadAsync()).PowerW); // between eco (400 MHz, 10 W) and standard (525 MHz, 15 W)
        Assert.Equal(MinerMode.Eco, _sim.Site.ModeOf(SimulatorHarness.Bitaxe)); // nearest by frequency
        using var info = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/api/system/info", UriKind.Relative)));
        Assert.Equal((420, 1100), (info.RootElement.GetProperty("frequency").GetInt32(), info.RootElement.GetProperty("coreVoltage").GetInt32()));

        await _client.SetFrequencyAsync(600, 1200); // the super mode's frequency draws the super mode's power
        Assert.Equal((MinerMode.Super, 20.0), (_sim.Site.ModeOf(SimulatorHarness.Bitaxe), (await _client.ReadAsync()).PowerW));
    }

    [Fact]
    public async Task AnUnknownPathIs404()
    {
        using var response = await _http.GetAsync(new Uri("/api/system/nonsense", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ALostMinerTimesTheClientOutAndAnUnpoweredOneRefuses()
    {
        using var impatientHttp = Http(TimeSpan.FromMilliseconds(300));
        var impatient = new AxeOsClient(impatientHttp);
        _sim.Site.LoseContact(SimulatorHarness.Bitaxe, TimeSpan.FromMinutes(2));

        await Assert.ThrowsAsync<MinerApiException>(() => impatient.ReadAsync());

        _sim.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, (await _client.ReadAsync()).PowerW);

        await _sim.Site.SwitchAsync("plug-2", on: false, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<MinerApiException>(() => _client.ReadAsync());
        Assert.Contains("refused", refused.Message, StringComparison.OrdinalIgnoreCase);
        await _sim.Site.SwitchAsync("plug-2", on: true, CancellationToken.None);
        Assert.Equal(0, (await _client.ReadAsync()).PowerW);
    }

    [Fact]
    public async Task TheClientRecoversWhenTheMinerRestarts()
    {
        await _client.ResumeAsync();
        Assert.Equal(15, (await _client.ReadAsync()).PowerW);

        await _sim.RestartAsync();

        Assert.Equal(15, (await _client.ReadAsync()).PowerW);
    }

    private HttpClient Http(TimeSpan timeout) => new()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{_sim.Servers.ApiPortOf(SimulatorHarness.Bitaxe)}"),
        Timeout = timeout,
    };
}
