using System.Collections.Concurrent;
using System.Text.Json;
using BitGridAI.Adapters.Tests;
using MQTTnet;
using MQTTnet.Formatter;

namespace BitGridAI.Simulator.Tests;

/// <summary>The simulated tariff, and its prices published over a real mosquitto in BitGridAI's telemetry schema.</summary>
public sealed class PricePublisherTests : IAsyncLifetime, IDisposable
{
    private const string Topic = "bitgrid/home/devices/meter-1/telemetry";
    private readonly Mosquitto _broker = new();
    private readonly ConcurrentQueue<string> _prices = new();
    private readonly IMqttClient _listener = new MqttClientFactory().CreateMqttClient();
    private SimulatorHarness _sim = null!;

    [Theory]
    [InlineData("2026-06-22T03:00:00Z", 22.0)] // Monday night
    [InlineData("2026-06-22T07:30:00Z", 28.0)] // morning peak
    [InlineData("2026-06-22T12:00:00Z", 19.0)] // solar hours
    [InlineData("2026-06-22T18:00:00Z", 32.0)] // evening peak, above the default price_max_ct_kwh
    [InlineData("2026-06-22T22:00:00Z", 24.0)]
    [InlineData("2026-06-21T12:00:00Z", 17.0)] // Sunday: 2 ct less
    public void TheTariffFollowsTheHourOfTheDay(string at, double expected) =>
        Assert.Equal(expected, SimulatedTariff.PriceCtKwh(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void TheMarketPricesMoveByTheDayWithinRealisticBounds()
    {
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var days = Enumerable.Range(0, 60).Select(d => start.AddDays(d)).ToList();

        Assert.All(days, d => Assert.InRange(SimulatedTariff.HashpriceSatsPerThDay(d), 40, 52));
        Assert.All(days, d => Assert.InRange(SimulatedTariff.BtcPriceEur(d), 82_000, 94_000));
        Assert.All(days, d => Assert.Equal(SimulatedTariff.BtcPriceEur(d), SimulatedTariff.BtcPriceEur(d.AddHours(23))));
        Assert.True(days.Select(SimulatedTariff.HashpriceSatsPerThDay).Distinct().Count() > 5, "the hashprice should move");
    }

    public async Task InitializeAsync()
    {
        _listener.ApplicationMessageReceivedAsync += e =>
        {
            _prices.Enqueue(e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        await _listener.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId("price-test-listener").WithProtocolVersion(MqttProtocolVersion.V500).Build());
        await _listener.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(Topic).Build());
        var options = SimulatorHarness.DefaultOptions();
        options.Protocols.PublishPrices = true;
        options.Protocols.PublishMarketPrices = true;
        options.Protocols.PriceTopic = Topic;
        options.Protocols.MqttPort = _broker.Port;
        _sim = await SimulatorHarness.StartAsync(options);
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    public void Dispose()
    {
        _listener.Dispose();
        _broker.Dispose();
    }

    [Fact]
    public async Task APriceGoesOutOnConnectAndAgainWhenTheTariffHasMovedOn()
    {
        var first = await NextAsync(TimeSpan.Zero);
        Assert.Equal(17.0, first.GetProperty("energy_price_ct_kwh").GetDouble()); // the harness's Sunday noon
        Assert.Equal(_sim.Clock.GetUtcNow(), first.GetProperty("ts").GetDateTimeOffset());
        Assert.Equal(SimulatedTariff.HashpriceSatsPerThDay(_sim.Clock.GetUtcNow()), first.GetProperty("hashprice_sats_th_day").GetDouble());
        Assert.Equal(SimulatedTariff.BtcPriceEur(_sim.Clock.GetUtcNow()), first.GetProperty("btc_price_eur").GetDouble());

        // Site time moves on in 10-minute steps: a price every 5 minutes at most, the evening peak from 16:00.
        var seen = new List<(DateTimeOffset At, double Price)>();
        for (var i = 0; i < 40 && !seen.Any(p => p.Price == 30.0); i++)
        {
            var next = await NextAsync(TimeSpan.FromMinutes(10));
            seen.Add((next.GetProperty("ts").GetDateTimeOffset(), next.GetProperty("energy_price_ct_kwh").GetDouble()));
        }

        Assert.All(seen, p => Assert.Equal(SimulatedTariff.PriceCtKwh(p.At), p.Price));
        Assert.Equal(30.0, seen[^1].Price);
        Assert.Equal(16, seen[^1].At.UtcDateTime.Hour);
    }

    /// <summary>Moves site time on by <paramref name="step"/> (again, while nothing comes) and returns the next price message.</summary>
    private async Task<JsonElement> NextAsync(TimeSpan step)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            _sim.Clock.Advance(step);
            var deadline = DateTime.UtcNow.AddMilliseconds(200);
            while (DateTime.UtcNow < deadline)
            {
                if (_prices.TryDequeue(out var payload))
                {
                    return JsonDocument.Parse(payload).RootElement.Clone();
                }
                await Task.Delay(10);
            }
            step = step == TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromSeconds(1); // the publisher's round may not have been waiting yet
        }
        throw new TimeoutException($"no price on {Topic}");
    }
}
