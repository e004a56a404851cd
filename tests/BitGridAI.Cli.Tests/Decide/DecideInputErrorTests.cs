using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests.Decide;

public sealed class DecideInputErrorTests
{
    [Theory]
    [InlineData("""{"pv_power_w":"5000"}""", "pv_power_w")]
    [InlineData("""{"miner_temp_c":true}""", "miner_temp_c")]
    [InlineData("""{"battery_soc_pct":null,"grid_import_w":[1]}""", "grid_import_w")]
    [InlineData("""{"pv_power_kw":5}""", "pv_power_kw")]
    [InlineData("""{"actuator":"RUNNING"}""", "actuator")]
    [InlineData("""{"actuator":1}""", "actuator")]
    [InlineData("""{"autonomy":"AUTO"}""", "autonomy")]
    [InlineData("""{"strategy":"greedy"}""", "strategy")]
    [InlineData("""{"override":{"action":"PAUSE"}}""", "override.action")]
    [InlineData("""{"override":{}}""", "override.action")]
    [InlineData("""{"override":{"action":"START","until":"soon"}}""", "override.until")]
    [InlineData("""{"override":"START"}""", "override")]
    [InlineData("""{"emergency_stop":"yes"}""", "emergency_stop")]
    [InlineData("""{"miner_powered_off":1}""", "miner_powered_off")]
    [InlineData("""{"blocks_since_change":-1}""", "blocks_since_change")]
    [InlineData("""{"blocks_since_change":1.5}""", "blocks_since_change")]
    [InlineData("""{"blocks_since_change":"3"}""", "blocks_since_change")]
    [InlineData("""{"reserved_w":"3000"}""", "reserved_w")]
    [InlineData("""{"reserved_w":-1}""", "reserved_w")]
    [InlineData("""{"reserved_w":true}""", "reserved_w")]
    [InlineData("""{"reserved_w":{"w":5}}""", "reserved_w")]
    [InlineData("""{"reserved_w":1e400}""", "reserved_w")]
    [InlineData("""{"now":"yesterday"}""", "now")]
    [InlineData("""{"now":"9999-12-31T23:59:00Z"}""", "now")]
    [InlineData("""{"config":{"soc_hard_min_pct":60}}""", "soc_hard_min_pct")]
    [InlineData("""{"config":{"max_chip_temp_c":120}}""", "max_chip_temp_c")]
    [InlineData("""{"config":{"comm_timeout_sec":301}}""", "comm_timeout_sec")]
    [InlineData("""{"config":{"t_resume_c":90}}""", "t_resume_c")]
    [InlineData("""{"config":{"surplus_stop_kw":1}}""", "surplus_stop_kw")]
    [InlineData("""{"config":{"min_runtime_blocks":-2}}""", "min_runtime_blocks")]
    [InlineData("""{"config":{"min_runtime_blocks":2.5}}""", "min_runtime_blocks")]
    [InlineData("""{"config":{"max_temp":80}}""", "max_temp")]
    [InlineData("""{"config":{"data_fail_safe":"maybe"}}""", "data_fail_safe")]
    [InlineData("""{"config":{"surplus_min_kw":"2"}}""", "surplus_min_kw")]
    [InlineData("""{"config":[]}""", "config")]
    public void A_bad_field_exits_2_with_one_stderr_line_naming_it_and_no_decision(string patch, string field)
    {
        var result = DecideInput.Sunny().Patch(patch).Decide();

        AssertInputError(result, field);
    }

    [Theory]
    [InlineData("""{"pv_power_w": 5000,""")]
    [InlineData("""{"pv_power_w": 5000} trailing""")]
    [InlineData("""{'pv_power_w': 5000}""")]
    [InlineData("""{"pv_power_w": 5000, /* comment */ "house_load_w": 1}""")]
    [InlineData("[1, 2]")]
    [InlineData("42")]
    [InlineData("")]
    [InlineData("  \n\t ")]
    public void Input_that_is_not_one_JSON_object_exits_2_naming_the_input(string stdin)
    {
        var result = Bitgrid.RunWithInput(stdin, "decide");

        AssertInputError(result, "input");
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_malformed_input_not_a_crash()
    {
        var result = Bitgrid.RunWithInput([0xff, 0xfe, (byte)'{', (byte)'}'], "decide");

        AssertInputError(result, "input");
    }

    [Fact]
    public void A_field_name_with_a_line_break_still_gives_exactly_one_stderr_line()
    {
        var result = Bitgrid.RunWithInput("{\"pv\\npower\":1}", "decide");

        AssertInputError(result, "pv\\npower");
    }

    [Fact]
    public void Decide_takes_no_arguments()
    {
        var result = Bitgrid.RunWithInput(DecideInput.Sunny().ToString(), "decide", "state.json");

        AssertInputError(result, "state.json");
    }

    private static void AssertInputError(CliResult result, string field)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.ErrLines);
        Assert.Contains(field, line);
        Assert.StartsWith("bitgrid decide: ", line);
    }
}
