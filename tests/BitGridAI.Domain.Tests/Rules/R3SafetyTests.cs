using BitGridAI.Domain.Decisions;
using static BitGridAI.Domain.Decisions.DecisionCode;
using static BitGridAI.Domain.Tests.Site;

namespace BitGridAI.Domain.Tests.Rules;

/// <summary>RULES.md §2 step 1: R3 stops the miner at every autonomy level, before anything else.</summary>
public sealed class R3SafetyTests
{
    public static TheoryData<Case> Rows => new()
    {
        new("a cool, reachable miner on a sunny site", Sunny, START_R1_SURPLUS_OK),
        new("chip temperature 85.1 °C > max_chip_temp_c 85", Sunny.Temp(85.1), STOP_R3_OVERTEMP),
        new("chip temperature exactly 85 °C is not above the limit", Sunny.Temp(85), START_R1_SURPLUS_OK),
        new("max_chip_temp_c lowered to 70: 70.1 °C", Sunny.Set("max_chip_temp_c", 70).Temp(70.1), STOP_R3_OVERTEMP),
        new("max_chip_temp_c 120 is clamped to 95: 95.1 °C", Sunny.Set("max_chip_temp_c", 120).Temp(95.1), STOP_R3_OVERTEMP),
        new("max_chip_temp_c 120 is clamped to 95: 95 °C runs", Sunny.Set("max_chip_temp_c", 120).Temp(95), START_R1_SURPLUS_OK),
        new("max_chip_temp_c NaN (an unvalidated config) still stops above 95 °C", Sunny.Set("max_chip_temp_c", double.NaN).Temp(95.1), STOP_R3_OVERTEMP),
        new("the lowest plausible temperature, −40 °C, is a reading", Sunny.Temp(-40), START_R1_SURPLUS_OK),
        new("emergency stop pressed", Sunny.EmergencyStop(), STOP_R3_EMERGENCY_STOP),
        new("overtemperature is reported before an emergency stop", Sunny.EmergencyStop().Temp(90), STOP_R3_OVERTEMP),
        new("an emergency stop is reported before a missing temperature", Sunny.EmergencyStop().Temp(null), STOP_R3_EMERGENCY_STOP),
        new("an emergency stop stops a powered-off miner too", Sunny.EmergencyStop().PoweredOff(), STOP_R3_EMERGENCY_STOP),
        new("temperature missing", Sunny.Temp(null), STOP_R3_TEMP_UNKNOWN),
        new("temperature and heartbeat missing: temperature is checked first", Sunny.Temp(null).Heartbeat(null), STOP_R3_TEMP_UNKNOWN),
        new("heartbeat age 60.1 s > comm_timeout_sec 60", Sunny.Heartbeat(60.1), STOP_R3_COMM_TIMEOUT),
        new("heartbeat age exactly 60 s is still contact", Sunny.Heartbeat(60), START_R1_SURPLUS_OK),
        new("heartbeat age missing", Sunny.Heartbeat(null), STOP_R3_COMM_TIMEOUT),
        new("a heartbeat age of 0.0 s is fresh, not missing", Sunny.Heartbeat(0.0), START_R1_SURPLUS_OK),
        new("comm_timeout_sec 400 is clamped to 300: 300.1 s", Sunny.Set("comm_timeout_sec", 400).Heartbeat(300.1), STOP_R3_COMM_TIMEOUT),
        new("comm_timeout_sec 400 is clamped to 300: 300 s is contact", Sunny.Set("comm_timeout_sec", 400).Heartbeat(300), START_R1_SURPLUS_OK),
        new("powered-off miner without temperature: no risk", Sunny.PoweredOff().Temp(null), START_R1_SURPLUS_OK),
        new("powered-off miner without heartbeat: no risk", Sunny.PoweredOff().Heartbeat(null), START_R1_SURPLUS_OK),
        new("powered-off miner with a stale heartbeat: no risk", Sunny.PoweredOff().Heartbeat(600), START_R1_SURPLUS_OK),
        new("powered-off miner reporting 90 °C still stops", Sunny.PoweredOff().Temp(90), STOP_R3_OVERTEMP),
        new("R3 beats a START override", Sunny.Override(ActuatorState.Start).Temp(90), STOP_R3_OVERTEMP),
        new("R3 beats a THROTTLE override when contact is lost", Sunny.Override(ActuatorState.Throttle).Heartbeat(61), STOP_R3_COMM_TIMEOUT),
        new("R3 acts in MANUAL autonomy", Sunny.Manual().Temp(90), STOP_R3_OVERTEMP),
        new("R3 acts in SEMI autonomy and stays a STOP", Sunny.Semi().Temp(90), STOP_R3_OVERTEMP),
        new("R3 in SEMI when contact is lost", Sunny.Semi().Heartbeat(null), STOP_R3_COMM_TIMEOUT),
        new("R3 beats missing site data", Sunny.Pv(null).Temp(90), STOP_R3_OVERTEMP),
        new("R3 is never held back by R5", Sunny.Running().BlocksSinceChange(0).Temp(90), STOP_R3_OVERTEMP),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void StopsTheMinerAsRulesMdStepOneSays(Case row) => row.AssertDecides();

    [Fact]
    public void ReportsTheMissingMinerSignalsOfATemperatureUnknownStop()
    {
        var decision = Sunny.Temp(null).Heartbeat(null).Decide();

        Assert.True(decision.Missing.Contains(Signals.Signal.MinerTempC));
        Assert.True(decision.Missing.Contains(Signals.Signal.MinerHeartbeatAgeSec));
    }
}
