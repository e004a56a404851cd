using System.Buffers;
using System.Text;
using BitGridAI.Adapters.Miners;
using BitGridAI.Adapters.Mqtt;
using BitGridAI.Adapters.SunSpec;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;

namespace BitGridAI.Adapters.Tests;

/// <summary>
/// Whatever a device sends, its parser answers inside its error model: a reading, or the protocol's own
/// exception (which the driver ports count as a device failure) — never a stray InvalidOperationException,
/// KeyNotFoundException, IndexOutOfRangeException, FormatException or OverflowException, and never a
/// value that is not a finite number.
/// </summary>
public sealed class ParserPropertyTests
{
    private const string Summary = """{"STATUS":[{"STATUS":"S","When":1781956800,"Code":11,"Msg":"Summary","Description":"cgminer 4.11.1"}],"SUMMARY":[{"Elapsed":86400,"MHS av":90000000.5,"MHS 5s":inf,"Temperature":71.5,"Power":1674,}],"id":1}""";
    private const string Stats = """{"STATUS":[{"STATUS":"S","Msg":"CGMiner stats"}],"STATS":[{"STATS":0,"ID":"AVA100","Temp":68,"Max Temp":79.5,"Watt":1650}{"ID":"POOL0","Temp":nan}],"id":1}""";
    private const string Refused = """{"STATUS":[{"STATUS":"E","When":1781956800,"Code":14,"Msg":"Invalid command"}],"id":1}""";
    private const string Info = """{"power":15.2,"voltage":5.1,"current":2980,"temp":61.5,"vrTemp":48,"hashRate":1204.7,"frequency":525,"coreVoltage":1150,"fanspeed":100,"sharesAccepted":1024,"sharesRejected":3,"uptimeSeconds":3600,"ASICModel":"BM1366","version":"v2.4.0"}""";

    [Fact]
    public void CgminerRepliesAreReadOrRefusedAsAMinerApiError()
    {
        Mutations.Of(Summary, Stats, Refused, Summary + "\0").Sample(bytes =>
        {
            var text = Encoding.UTF8.GetString(bytes);
            try
            {
                using var reply = CgminerClient.ParseReply(text, "127.0.0.1:4028", "summary");
                AssertFinite(CgminerClient.Reading(reply.RootElement, reply.RootElement));
            }
            catch (MinerApiException)
            {
                // a counted device failure
            }
        }, iter: 3000);
    }

    [Fact]
    public void AxeOsRepliesAreReadOrRefusedAsAMinerApiError()
    {
        Mutations.Of(Info).Sample(bytes =>
        {
            try
            {
                AssertFinite(AxeOsClient.Parse(bytes));
            }
            catch (MinerApiException)
            {
                // a counted device failure
            }
        }, iter: 3000);
    }

    [Fact]
    public void SunSpecPointsDecodeToAFiniteNumberOrNothing()
    {
        Gen.Select(Gen.UShort, Gen.UShort, Gen.UShort).Sample((raw, low, scale) =>
        {
            Finite(SunSpecValues.ScaledSigned(raw, scale));
            Finite(SunSpecValues.ScaledUnsigned(raw, scale));
            Finite(SunSpecValues.Accumulator(raw, low, scale));
            Finite(SunSpecValues.FloatingPoint(raw, low));
        }, iter: 20_000);
    }

    [Theory]
    [InlineData(0x7F80, "+∞")]
    [InlineData(0xFF80, "−∞")]
    public void AnInfiniteFloatPointIsNoReading(ushort high, string what)
    {
        Assert.True(SunSpecValues.FloatingPoint(high, 0) is null, what);
    }

    [Fact]
    public void MqttPayloadsOfBothKindsAreSamplesOrCountedProblems()
    {
        var samples = new List<(string Device, TelemetrySample Sample)>();
        var counters = new IngestCounters(NullLogger.Instance, 1_000_000);
        var options = TelemetryAdapters.Options(1883, SampleMappings.Shelly(), SampleMappings.Tasmota(), SampleMappings.HomeAssistant());
        // A price feed that may publish the market prices beside the tariff (a device with MarketPrices).
        options.SchemaDevices.Add(TelemetryAdapters.Schema("tariff-1", "energy_price_ct_kwh", "hashprice_sats_th_day", "btc_price_eur"));
        var decoder = new TelemetryDecoder(options, _ => true, counters, (device, sample) =>
        {
            samples.Add((device, sample));
            return true;
        });
        string[] topics = ["bitgrid/home/devices/pv-1/telemetry", "bitgrid/home/devices/meter/telemetry", SampleMappings.ShellyTopic, SampleMappings.TasmotaTopic, SampleMappings.HomeAssistantTopic,
            "bitgrid/home/devices/tariff-1/telemetry"];
        var payloads = Mutations.Of(
            """{"ts":"2026-06-21T12:00:00.250Z","pv_power_w":4200,"pv_forecast_kw":3.5}""",
            """{"ts":1781956800,"grid_import_w":350,"grid_export_w":0,"house_load_w":null}""",
            SampleMappings.ShellyStatus(1623.4, "1781956800.5"),
            SampleMappings.TasmotaSensor(845),
            "4.25",
            """{"ts":"2026-06-21T12:00:00Z","energy_price_ct_kwh":19,"hashprice_sats_th_day":48.5,"btc_price_eur":88000}""");
        Gen.Select(Gen.Int[0, topics.Length - 1], payloads, Gen.Bool).Sample((topic, payload, retained) =>
        {
            decoder.Decode(topics[topic], new ReadOnlySequence<byte>(payload), DateTimeOffset.UnixEpoch.AddSeconds(1781956800), retained);
        }, iter: 5000);

        Assert.All(samples, s => Assert.True(double.IsFinite(s.Sample.Value), $"{s.Device}: {s.Sample}"));
        Assert.True(counters.Problems().Count > 0, "mutated payloads should have been counted");
    }

    [Fact]
    public void MarketPricesCountOnlyFromTheDeviceAllowedThem()
    {
        var samples = new List<(string Device, TelemetrySample Sample)>();
        var counters = new IngestCounters(NullLogger.Instance, 1_000_000);
        var options = TelemetryAdapters.Options(1883);
        options.SchemaDevices.Add(TelemetryAdapters.Schema("tariff-1", "energy_price_ct_kwh", "hashprice_sats_th_day", "btc_price_eur"));
        var decoder = new TelemetryDecoder(options, _ => true, counters, (device, sample) =>
        {
            samples.Add((device, sample));
            return true;
        });
        var payload = Encoding.UTF8.GetBytes("""{"ts":"2026-06-21T12:00:00Z","energy_price_ct_kwh":19,"hashprice_sats_th_day":48.5,"btc_price_eur":88000}""");

        decoder.Decode("bitgrid/home/devices/tariff-1/telemetry", new ReadOnlySequence<byte>(payload), DateTimeOffset.UnixEpoch);
        decoder.Decode("bitgrid/home/devices/meter/telemetry", new ReadOnlySequence<byte>(payload), DateTimeOffset.UnixEpoch);

        Assert.Equal(
            [("tariff-1", Signal.EnergyPriceCtKwh, 19.0), ("tariff-1", Signal.HashpriceSatsPerThDay, 48.5), ("tariff-1", Signal.BtcPriceEur, 88_000.0), ("meter", Signal.EnergyPriceCtKwh, 19.0)],
            samples.Select(s => (s.Device, s.Sample.Signal, s.Sample.Value)).OrderBy(s => s.Device == "meter").ThenBy(s => s.Signal));
        Assert.Equal(2, counters.Count("meter", IngestProblem.RefusedSignal));
    }

    [Fact]
    public void ADeeplyNestedPayloadIsCountedMalformedWithoutBeingParsedDeep()
    {
        var counters = new IngestCounters(NullLogger.Instance, 1_000_000);
        var decoder = new TelemetryDecoder(TelemetryAdapters.Options(1883, SampleMappings.Tasmota()), _ => true, counters, (_, _) => true);
        var nested = Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000));

        decoder.Decode("bitgrid/home/devices/pv-1/telemetry", new ReadOnlySequence<byte>(nested[..1000]), DateTimeOffset.UnixEpoch);
        decoder.Decode(SampleMappings.TasmotaTopic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("{\"ENERGY\":" + new string('[', 100) + "1" + new string(']', 100) + "}")), DateTimeOffset.UnixEpoch);
        decoder.Decode(SampleMappings.TasmotaTopic, new ReadOnlySequence<byte>(nested), DateTimeOffset.UnixEpoch);

        Assert.Equal(1, counters.Count("pv-1", IngestProblem.WrongType)); // not an object: refused at the first token
        Assert.Equal(1, counters.Count("tasmota-plug", IngestProblem.MalformedJson)); // deeper than 16 levels
        Assert.Equal(1, counters.Count("tasmota-plug", IngestProblem.Oversized)); // over the 4096-byte cap: never parsed at all
    }

    private static void AssertFinite(MinerReading reading)
    {
        Finite(reading.HashrateThs);
        Finite(reading.MaxTempC);
        Finite(reading.PowerW);
    }

    private static void Finite(double? value) => Assert.True(value is null || double.IsFinite(value.Value), $"{value} is not finite");
}
