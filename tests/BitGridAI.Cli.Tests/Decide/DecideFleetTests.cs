using System.Text.Json;
using System.Text.Json.Nodes;
using BitGridAI.Cli.Tests.Support;
using CsCheck;

namespace BitGridAI.Cli.Tests.Decide;

/// <summary>
/// <c>decide</c> with a <c>miners</c> array (docs/fleet.md): an Avalon with three modes, a LuxOS machine with three
/// profiles, a Bitaxe with a power-target range, sharing a sunny noon's 4.5 kW surplus.
/// </summary>
public sealed class DecideFleetTests
{
    private const string Fleet = """
        [{"id":"avalon","priority":1,"steps_w":[800,1674,2000]},
         {"id":"luxos","priority":2,"steps_w":[2200,3250,3600],"actuator":"START","blocks_since_change":5,"miner_power_w":3240},
         {"id":"bitaxe","priority":3,"min_w":8,"max_w":25}]
        """;

    private static DecideInput Sunny() => DecideInput.Sunny().With("pv_power_w", 5300).With("miners", JsonNode.Parse(Fleet));

    [Fact]
    public void Prints_every_miners_action_target_and_code_in_priority_order()
    {
        var result = Sunny().Decide();

        Assert.Equal(0, result.ExitCode);
        using var output = JsonDocument.Parse(result.Out);
        var miners = output.RootElement.GetProperty("miners").EnumerateArray()
            .Select(m => $"{m.GetProperty("id").GetString()} {m.GetProperty("action").GetString()} {m.GetProperty("target_w").GetDouble()} {m.GetProperty("decision_code").GetString()}");
        Assert.Equal(
            ["avalon START 2000 START_R1_FLEET_SHARE", "luxos THROTTLE 2200 THROTTLE_R1_FLEET_SHARE", "bitaxe START 25 START_R1_FLEET_SHARE"],
            miners);
        // The top level is the first miner's decision, with the block summed up beside it.
        Assert.Equal("START_R1_FLEET_SHARE", output.RootElement.GetProperty("decision_code").GetString());
        Assert.Equal("super", output.RootElement.GetProperty("mode").GetString());
        Assert.Equal(4500, output.RootElement.GetProperty("fleet").GetProperty("surplus_w").GetDouble());
        Assert.Equal(4225, output.RootElement.GetProperty("fleet").GetProperty("allocated_w").GetDouble());
    }

    [Fact]
    public void A_hot_miner_stops_and_the_next_takes_its_share()
    {
        var fleet = JsonNode.Parse(Fleet)!.AsArray();
        fleet[0]!["miner_temp_c"] = 91;
        fleet[0]!["actuator"] = "START";
        using var output = JsonDocument.Parse(Sunny().With("miners", fleet).Decide().Out);

        var codes = output.RootElement.GetProperty("miners").EnumerateArray().Select(m => m.GetProperty("decision_code").GetString());
        Assert.Equal(["STOP_R3_OVERTEMP", "START_R1_FLEET_SHARE", "START_R1_FLEET_SHARE"], codes);
        Assert.Equal(3600, output.RootElement.GetProperty("miners")[1].GetProperty("target_w").GetDouble());
    }

    [Fact]
    public void Explains_the_first_miners_share_when_asked()
    {
        var result = Bitgrid.RunWithInput(Sunny().ToString(), "decide", "--explain");

        Assert.Equal(0, result.ExitCode);
        using var output = JsonDocument.Parse(result.Out);
        Assert.Contains("2000 W", output.RootElement.GetProperty("explanation").GetRawText());
    }

    [Fact]
    public void Under_max_value_a_miner_whose_export_pays_more_stays_off_and_its_share_goes_on()
    {
        // 8 ct/kWh feed-in; at 50 sats per TH/s and day and 90,000 €/BTC the Avalon (90 TH/s at 2,000 W) earns 2.8 ct a
        // block against 2.7 ct exported, the LuxOS machine (40 TH/s at 3,600 W) 1.25 ct against 4.8 ct: it stays off.
        var fleet = JsonNode.Parse(Fleet)!.AsArray();
        fleet[0]!["hashrate_ths"] = 90;
        fleet[1]!["hashrate_ths"] = 40;
        fleet[1]!["actuator"] = "STOP";
        fleet[1]!.AsObject().Remove("miner_power_w");
        var result = Sunny().With("pv_power_w", 9000).With("miners", fleet)
            .With("economics", JsonNode.Parse("""{"policy":"max_value","feed_in_ct_kwh":8,"btc_price_eur":90000}""")).Decide();

        Assert.Equal(0, result.ExitCode);
        using var output = JsonDocument.Parse(result.Out);
        var miners = output.RootElement.GetProperty("miners");
        Assert.Equal(("START_R1_FLEET_SHARE", 2000.0), (miners[0].GetProperty("decision_code").GetString(), miners[0].GetProperty("target_w").GetDouble()));
        Assert.Equal("NOOP_R1_EXPORT_PAYS_MORE", miners[1].GetProperty("decision_code").GetString());
        Assert.Equal(8 * 3.6 / 6, miners[1].GetProperty("export_value_ct").GetDouble(), 6);
        // The Bitaxe gives no hashrate: its mining value is unknown, so max_value does not mine it either.
        Assert.Equal("NOOP_R1_EXPORT_PAYS_MORE", miners[2].GetProperty("decision_code").GetString());
        Assert.Equal("max_value", output.RootElement.GetProperty("fleet").GetProperty("policy").GetString());
    }

    [Theory]
    [InlineData("""{"economics":{"policy":"max_value"}}""", "economics")]
    [InlineData("""{"miners":[{"id":"a","priority":1,"steps_w":[10]}],"economics":{"policy":"greedy"}}""", "economics.policy")]
    [InlineData("""{"miners":[{"id":"a","priority":1,"steps_w":[10]}],"economics":{"btc_price_eur":0}}""", "economics.btc_price_eur")]
    [InlineData("""{"miners":[{"id":"a","priority":1,"steps_w":[10]}],"economics":{"feed":1}}""", "economics.feed")]
    [InlineData("""{"miners":[{"id":"a","priority":1,"steps_w":[10],"hashrate_ths":-1}]}""", "miners[0].hashrate_ths")]
    [InlineData("""{"miners":{}}""", "miners")]
    [InlineData("""{"miners":[]}""", "miners")]
    [InlineData("""{"miners":[1]}""", "miners[0]")]
    [InlineData("""{"miners":[{"priority":1,"steps_w":[10]}]}""", "miners[0].id")]
    [InlineData("""{"miners":[{"id":"a","steps_w":[10]}]}""", "miners[0].priority")]
    [InlineData("""{"miners":[{"id":"a","priority":0,"steps_w":[10]}]}""", "miners[0].priority")]
    [InlineData("""{"miners":[{"id":"a","priority":1}]}""", "miners[0]")]
    [InlineData("""{"miners":[{"id":"a","priority":1,"steps_w":[]}]}""", "miners[0].steps_w")]
    [InlineData("""{"miners":[{"id":"a","priority":1,"steps_w":[-5]}]}""", "miners[0].steps_w[0]")]
    [InlineData("""{"miners":[{"id":"a","priority":1,"steps_w":"800"}]}""", "miners[0].steps_w")]
    [InlineData("""{"miners":[{"id":"a","priority":1,"min_w":8}]}""", "miners[0]")]
    [InlineData("""{"miners":[{"id":"a","priority":1,"min_w":30,"max_w":8}]}""", "miners[0].min_w")]
    [InlineData("""{"miners":[{"id":"a","priority":1,"steps_w":[10],"min_w":8,"max_w":25}]}""", "miners[0]")]
    [InlineData("""{"miners":[{"id":"a","priority":1,"steps_w":[10],"actuator":"ON"}]}""", "miners[0].actuator")]
    [InlineData("""{"miners":[{"id":"a","priority":1,"steps_w":[10],"blocks_since_change":-1}]}""", "miners[0].blocks_since_change")]
    [InlineData("""{"miners":[{"id":"a","priority":1,"steps_w":[10],"pv_power_w":5}]}""", "miners[0].pv_power_w")]
    [InlineData("""{"miners":[{"id":"a","priority":1,"steps_w":[10]},{"id":"a","priority":2,"steps_w":[10]}]}""", "'a'")]
    public void A_bad_miner_exits_2_naming_the_field(string patch, string field)
    {
        var result = DecideInput.Sunny().Patch(patch).Decide();

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains(field, Assert.Single(result.ErrLines));
    }

    private static readonly string[] Values = ["null", "-1", "0", "1e308", "\"x\"", "[]", "{}", "true", "[800,-1]", "\"START\""];

    [Fact]
    public void Random_and_mutated_miner_arrays_end_in_a_decision_or_one_line_naming_the_input()
    {
        var valid = Sunny().ToString();
        var mutated = Gen.OneOf(
            Gen.Select(Gen.Int[0, 2000], Gen.Char["{}[]\":,0-9a-z-."]).Select(m =>
                string.Concat(valid.AsSpan(0, m.Item1 % valid.Length), m.Item2.ToString(), valid.AsSpan((m.Item1 % valid.Length) + 1))),
            Gen.Select(Gen.Int[0, 60], Gen.Int[0, Values.Length - 1]).Select(m =>
            {
                var colons = valid.Select((c, i) => (c, i)).Where(p => p.c == ':').Select(p => p.i).ToList();
                var at = colons[m.Item1 % colons.Count] + 1;
                var end = valid.IndexOfAny([',', '}'], at);
                return end < 0 ? valid : string.Concat(valid.AsSpan(0, at), Values[m.Item2], valid.AsSpan(end));
            }),
            Gen.Int[0, 400].Select(n => valid[..Math.Min(n, valid.Length)]));
        mutated.Sample(stdin =>
        {
            var result = Bitgrid.RunWithInput(stdin, "decide");
            return result.ExitCode == 0 ? JsonDocument.Parse(result.Out).RootElement.TryGetProperty("decision_code", out _)
                : result.ExitCode == 2 && result.Out.Length == 0 && result.ErrLines.Count == 1;
        }, iter: 1500);
    }
}
