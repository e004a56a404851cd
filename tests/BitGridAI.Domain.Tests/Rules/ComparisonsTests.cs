using static BitGridAI.Domain.Decisions.DecisionCode;
using static BitGridAI.Domain.Tests.Site;

namespace BitGridAI.Domain.Tests.Rules;

/// <summary>
/// RULES.md §2, last paragraph: "strict &gt; for temperature, heartbeat and grid; ≤ for R2's SoC limits;
/// &lt; / ≥ for the soc_band bands" — each limit exactly at the threshold and one step past it.
/// </summary>
public sealed class ComparisonsTests
{
    public static TheoryData<Case> Rows => new()
    {
        new("temperature = max_chip_temp_c: not above", Sunny.Temp(85), START_R1_SURPLUS_OK),
        new("temperature > max_chip_temp_c", Sunny.Temp(85.000001), STOP_R3_OVERTEMP),
        new("heartbeat = comm_timeout_sec: not above", Sunny.Heartbeat(60), START_R1_SURPLUS_OK),
        new("heartbeat > comm_timeout_sec", Sunny.Heartbeat(60.000001), STOP_R3_COMM_TIMEOUT),
        new("net grid import = max_grid_import_w: not above", Sunny.Running().GridImport(500), START_R1_SURPLUS_OK),
        new("net grid import > max_grid_import_w", Sunny.Running().GridImport(500.000001), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("SoC = soc_hard_min_pct: at the limit", Sunny.Running().Soc(50), STOP_R2_SOC_HARD_MIN),
        new("SoC = soc_soft_min_pct: at the limit", Sunny.Running().Soc(58), NOOP_R2_SOC_SOFT_MIN),
        new("SoC just above soc_soft_min_pct", Sunny.Running().Soc(58.000001), START_R1_SURPLUS_OK),
        new("soc_band: SoC = soc_stop_pct is not below", Sunny.SocBand().Running().Soc(50), NOOP_R1_SOC_HOLD),
        new("soc_band: SoC < soc_stop_pct", Sunny.SocBand().Running().Soc(49.999999), STOP_R1_SOC_RESERVE_STOP),
        new("soc_band: SoC = soc_eco_start_pct is in the band", Sunny.SocBand().Running().Soc(58), THROTTLE_R1_ECO),
        new("soc_band: SoC = soc_standard_pct is in the band", Sunny.SocBand().Running().Soc(80), START_R1_STANDARD),
        new("soc_band: SoC = soc_super_pct is in the band", Sunny.SocBand().Running().Soc(90), START_R1_SUPER),
        new("soc_band: PV = pv_start_w starts eco", Sunny.SocBand().Soc(70).Pv(6000), THROTTLE_R1_ECO),
        new("soc_band: PV just below pv_start_w holds", Sunny.SocBand().Soc(70).Pv(5999.999999), NOOP_R1_SOC_HOLD_PV),
        new("lockout: exactly safety_lockout_min has passed", Sunny.LockoutStarted(30), START_R1_SURPLUS_OK),
        new("lockout: temperature = t_resume_c releases", Sunny.LockoutStarted(30).Temp(75), START_R1_SURPLUS_OK),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void ComparesEachLimitExactlyAsWritten(Case row) => row.AssertDecides();
}
