using System.Globalization;

namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// Publishes the <see cref="SimulatedTariff"/> prices in BitGridAI's MQTT telemetry schema
/// (<c>{"ts":…,"energy_price_ct_kwh":…,"hashprice_sats_th_day":…,"btc_price_eur":…}</c>) on connect and every
/// <see cref="Interval"/> of site time, so the standalone site's prices reach the site the way a real tariff and
/// market feed would: pushed, not polled. The market prices only with
/// <see cref="SimulatedProtocolOptions.PublishMarketPrices"/>.
/// </summary>
internal sealed class SimulatedPricePublisher : IAsyncDisposable
{
    // Twice per 10-minute block: a block decision sees only the samples that arrived in its block.
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private readonly SimulatedSite _site;
    private readonly string _topic;
    private readonly bool _marketPrices;
    private readonly SimulatorMqttLink _link;
    private DateTimeOffset _nextDue = DateTimeOffset.MinValue;

    private SimulatedPricePublisher(SimulatedSite site, SimulatedProtocolOptions options)
    {
        _site = site;
        _topic = options.PriceTopic;
        _marketPrices = options.PublishMarketPrices;
        // Short rounds: at a fast site clock the 5 minutes between prices pass in a fraction of a second.
        _link = new SimulatorMqttLink(options, site.Time, "bitgrid-sim-prices", PublishNowAsync, PublishWhenDueAsync, TimeSpan.FromMilliseconds(100));
        _link.Start();
    }

    public static SimulatedPricePublisher Start(SimulatedSite site, SimulatedProtocolOptions options) => new(site, options);

    public ValueTask DisposeAsync() => _link.DisposeAsync();

    private Task PublishWhenDueAsync() => _site.Time.GetUtcNow() >= _nextDue ? PublishNowAsync() : Task.CompletedTask;

    private async Task PublishNowAsync()
    {
        var now = _site.Time.GetUtcNow();
        var market = _marketPrices
            ? string.Create(CultureInfo.InvariantCulture, $",\"hashprice_sats_th_day\":{SimulatedTariff.HashpriceSatsPerThDay(now)},\"btc_price_eur\":{SimulatedTariff.BtcPriceEur(now)}")
            : "";
        var payload = string.Create(CultureInfo.InvariantCulture,
            $"{{\"ts\":\"{now.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\",\"energy_price_ct_kwh\":{SimulatedTariff.PriceCtKwh(now)}{market}}}");
        await _link.PublishAsync(_topic, payload);
        _nextDue = now + Interval;
    }
}
