using System.Text.Json;
using BitGridAI.Cli.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Cli.Tests.Decide;

public sealed class DecideOutputTests
{
    [Fact]
    public void A_valid_state_prints_one_decision_with_every_field_the_contract_names()
    {
        var result = DecideInput.Sunny().Decide();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        var json = result.Json;
        Assert.Equal("START_R1_SURPLUS_OK", json.GetProperty("decision_code").GetString());
        Assert.Equal("START", json.GetProperty("action").GetString());
        Assert.Equal("R1", json.GetProperty("rule").GetString());
        Assert.Equal("SURPLUS_OK", json.GetProperty("reason").GetString());
        Assert.Equal("standard", json.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("params").ValueKind);
        Assert.Equal(0, json.GetProperty("rejected").GetArrayLength());
        Assert.Equal("2026-06-21T12:00:00Z", json.GetProperty("block_id").GetString());
        Assert.Equal("2026-06-21T12:20:00Z", json.GetProperty("valid_until").GetString());
    }

    [Theory]
    [InlineData("2026-06-21T12:00:00Z", "2026-06-21T12:00:00Z", "2026-06-21T12:20:00Z")]
    [InlineData("2026-06-21T12:09:59Z", "2026-06-21T12:00:00Z", "2026-06-21T12:20:00Z")]
    [InlineData("2026-06-21T12:10:00Z", "2026-06-21T12:10:00Z", "2026-06-21T12:30:00Z")]
    [InlineData("2026-12-31T23:55:00Z", "2026-12-31T23:50:00Z", "2027-01-01T00:10:00Z")]
    [InlineData("2026-06-21T14:03:00+02:00", "2026-06-21T12:00:00Z", "2026-06-21T12:20:00Z")]
    public void The_block_is_the_ten_minutes_now_falls_in_and_the_decision_holds_until_the_end_of_the_next(
        string now, string blockId, string validUntil)
    {
        var json = DecideInput.Sunny().With("now", now).Decide().Json;

        Assert.Equal(blockId, json.GetProperty("block_id").GetString());
        Assert.Equal(validUntil, json.GetProperty("valid_until").GetString());
    }

    [Fact]
    public void Without_now_the_decision_is_placed_in_the_block_of_the_current_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 17, 0, TimeSpan.Zero));

        var json = Bitgrid.RunAt(clock, DecideInput.Sunny().Without("now").ToString(), "decide").Json;

        Assert.Equal("2026-03-01T08:10:00Z", json.GetProperty("block_id").GetString());
        Assert.Equal("2026-03-01T08:30:00Z", json.GetProperty("valid_until").GetString());
    }

    [Fact]
    public void A_start_reports_the_surplus_it_compared_with_the_threshold()
    {
        var parameters = DecideInput.Sunny().With("energy_price_ct_kwh", 12.5).Decide().Json.GetProperty("params");

        Assert.Equal(4.2, parameters.GetProperty("surplus_kw").GetDouble(), 9);
        Assert.Equal(5000, parameters.GetProperty("pv_power_w").GetDouble());
        Assert.Equal(800, parameters.GetProperty("house_load_w").GetDouble());
        Assert.Equal(1.5, parameters.GetProperty("surplus_min_kw").GetDouble());
        Assert.Equal(12.5, parameters.GetProperty("energy_price_ct_kwh").GetDouble());
        Assert.Equal(25, parameters.GetProperty("price_max_ct_kwh").GetDouble());
    }

    [Fact]
    public void The_market_prices_are_optional_inputs_the_rules_do_not_weigh()
    {
        var plain = DecideInput.Sunny().Decide().Json;
        var priced = DecideInput.Sunny().With("hashprice_sats_th_day", 48).With("btc_price_eur", 0.5).Decide().Json;

        Assert.Equal(plain.GetProperty("decision_code").GetString(), priced.GetProperty("decision_code").GetString());
        // A BTC price under 1 € is no price: rejected like any implausible reading, not an input error.
        Assert.Equal(["btc_price_eur"], priced.GetProperty("rejected").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void An_overtemperature_stop_reports_the_chip_temperature_and_the_limit()
    {
        var result = DecideInput.Sunny().With("miner_temp_c", 91.5).Decide();

        Assert.Equal("STOP_R3_OVERTEMP", result.Code);
        var parameters = result.Json.GetProperty("params");
        Assert.Equal(91.5, parameters.GetProperty("miner_temp_c").GetDouble());
        Assert.Equal(85, parameters.GetProperty("max_chip_temp_c").GetDouble());
    }

    [Fact]
    public void A_grid_limit_stop_reports_import_export_their_difference_and_the_limit()
    {
        var result = DecideInput.Sunny().With("grid_import_w", 900).With("grid_export_w", 100).Decide();

        Assert.Equal("STOP_R2_GRID_IMPORT_EXCEEDED", result.Code);
        var parameters = result.Json.GetProperty("params");
        Assert.Equal(900, parameters.GetProperty("grid_import_w").GetDouble());
        Assert.Equal(100, parameters.GetProperty("grid_export_w").GetDouble());
        Assert.Equal(800, parameters.GetProperty("net_grid_import_w").GetDouble());
        Assert.Equal(500, parameters.GetProperty("max_grid_import_w").GetDouble());
    }

    [Fact]
    public void Params_report_the_threshold_from_the_given_config_not_the_default()
    {
        var result = DecideInput.Sunny().Patch("""{"config":{"surplus_min_kw":5}}""").Decide();

        Assert.Equal("THROTTLE_R1_SURPLUS_THROTTLE", result.Code);
        Assert.Equal("eco", result.Json.GetProperty("mode").GetString());
        Assert.Equal(5, result.Json.GetProperty("params").GetProperty("surplus_min_kw").GetDouble());
    }

    [Fact]
    public void A_heartbeat_age_of_zero_is_fresh_contact_not_a_missing_reading()
    {
        var result = DecideInput.Sunny().With("miner_heartbeat_age_sec", 0.0).Decide();

        Assert.Equal("START_R1_SURPLUS_OK", result.Code);
    }

    [Fact]
    public void A_missing_heartbeat_stops_the_miner_for_lost_contact()
    {
        var result = DecideInput.Sunny().Without("miner_heartbeat_age_sec").Decide();

        Assert.Equal("STOP_R3_COMM_TIMEOUT", result.Code);
        Assert.Equal(0, result.Json.GetProperty("rejected").GetArrayLength());
    }

    [Theory]
    [InlineData("pv_power_w", -5, "STOP_DQ_SIGNAL_MISSING")]
    [InlineData("battery_soc_pct", 140, "STOP_DQ_SIGNAL_MISSING")]
    [InlineData("grid_import_w", -1, "STOP_DQ_SIGNAL_MISSING")]
    [InlineData("miner_temp_c", 151, "STOP_R3_TEMP_UNKNOWN")]
    [InlineData("miner_temp_c", -41, "STOP_R3_TEMP_UNKNOWN")]
    [InlineData("miner_heartbeat_age_sec", -0.5, "STOP_R3_COMM_TIMEOUT")]
    public void An_implausible_reading_is_not_an_error_but_listed_as_rejected_and_treated_as_missing(
        string field, double value, string expectedCode)
    {
        var result = DecideInput.Sunny().With(field, value).Decide();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Equal(expectedCode, result.Code);
        Assert.Equal([field], result.Json.GetProperty("rejected").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_number_too_large_for_a_double_is_rejected_as_implausible()
    {
        var result = Bitgrid.RunWithInput(DecideInput.Sunny().ToString().Replace("\"pv_power_w\":5000", "\"pv_power_w\":1e400"), "decide");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("STOP_DQ_SIGNAL_MISSING", result.Code);
        Assert.Equal(["pv_power_w"], result.Json.GetProperty("rejected").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Without_house_load_it_is_derived_from_the_energy_balance()
    {
        var result = DecideInput.Sunny().Without("house_load_w")
            .With("grid_export_w", 3000).With("battery_power_w", -1000).With("actuator", "STOP").With("blocks_since_change", 5)
            .Decide();

        Assert.Equal("START_R1_SURPLUS_OK", result.Code);
        Assert.True(result.Json.GetProperty("house_load_derived").GetBoolean());
        Assert.Equal(1000, result.Json.GetProperty("house_load_w").GetDouble());
    }

    [Fact]
    public void Reserved_power_for_miners_decided_before_comes_off_the_surplus_and_is_reported()
    {
        var result = DecideInput.Sunny().With("reserved_w", 3000).Decide();

        Assert.Equal("THROTTLE_R1_SURPLUS_THROTTLE", result.Code);
        var parameters = result.Json.GetProperty("params");
        Assert.Equal(3000, parameters.GetProperty("reserved_w").GetDouble());
        Assert.Equal(1.2, parameters.GetProperty("surplus_kw").GetDouble(), 9);
    }

    [Fact]
    public void Reserved_power_comes_off_the_surplus_even_when_the_house_load_is_derived()
    {
        var result = DecideInput.Sunny().Without("house_load_w")
            .With("grid_export_w", 4000).With("battery_power_w", 0).With("actuator", "STOP").With("blocks_since_change", 5)
            .With("reserved_w", 3500)
            .Decide();

        Assert.Equal(1000, result.Json.GetProperty("house_load_w").GetDouble());
        Assert.Equal("NOOP_R1_INSUFFICIENT_SURPLUS", result.Code);
        Assert.Equal(0.5, result.Json.GetProperty("params").GetProperty("surplus_kw").GetDouble(), 9);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(null)]
    public void Without_a_reservation_no_reserved_w_is_reported(int? reservedW)
    {
        var input = DecideInput.Sunny();
        var result = (reservedW is { } w ? input.With("reserved_w", w) : input).Decide();

        Assert.Equal("START_R1_SURPLUS_OK", result.Code);
        Assert.False(result.Json.GetProperty("params").TryGetProperty("reserved_w", out _));
    }

    [Theory]
    [InlineData("START", "the miner keeps running at full power.")]
    [InlineData("THROTTLE", "the miner keeps running throttled.")]
    [InlineData("STOP", "the miner stays stopped.")]
    public void A_noop_says_whether_the_miner_keeps_running_or_stays_stopped(string actuator, string ending)
    {
        var result = DecideInput.Sunny().With("pv_power_w", 1300).With("actuator", actuator).With("blocks_since_change", 5).Decide();

        Assert.Equal("NOOP_R1_INSUFFICIENT_SURPLUS", result.Code);
        Assert.Equal("INSUFFICIENT_SURPLUS", result.Json.GetProperty("reason").GetString());
        Assert.EndsWith(ending, result.Json.GetProperty("summary").GetString());
    }
}
