using System.Text.Json.Nodes;

namespace BitGridAI.Cli.Tests.Support;

/// <summary>
/// A <c>decide</c> input built from a valid sunny-noon state (5 kW PV, 0.8 kW house, SoC 80 %, a cool
/// reachable miner → START_R1_SURPLUS_OK), changed field by field.
/// </summary>
internal sealed class DecideInput
{
    public const string Now = "2026-06-21T12:03:00Z";

    private readonly JsonObject _json = new()
    {
        ["pv_power_w"] = 5000,
        ["house_load_w"] = 800,
        ["grid_import_w"] = 0,
        ["battery_soc_pct"] = 80,
        ["miner_temp_c"] = 60,
        ["miner_heartbeat_age_sec"] = 5,
        ["now"] = Now,
    };

    public static DecideInput Sunny() => new();

    public DecideInput With(string name, JsonNode? value)
    {
        _json[name] = value;
        return this;
    }

    /// <summary>Sets every property of <paramref name="patch"/> (a JSON object as text).</summary>
    public DecideInput Patch(string patch)
    {
        foreach (var (name, value) in JsonNode.Parse(patch)!.AsObject().ToList())
        {
            _json[name] = value?.DeepClone();
        }
        return this;
    }

    public DecideInput Without(string name)
    {
        _json.Remove(name);
        return this;
    }

    public CliResult Decide() => Bitgrid.RunWithInput(ToString(), "decide");

    public override string ToString() => _json.ToJsonString();
}
