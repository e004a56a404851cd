using BitGridAI.Domain.Decisions;

namespace BitGridAI.Domain.Config;

/// <summary>
/// Every threshold of the rules (RULES.md §3), with its documented default. Build one through
/// <see cref="ConfigKeys"/> or <c>with</c>, then check it with <see cref="ConfigValidator"/>
/// before the engine sees it.
/// </summary>
public sealed record EngineConfig
{
    public static EngineConfig Default { get; } = new();

    /// <summary>Surplus in kW from which a miner runs at full power.</summary>
    public double SurplusMinKw { get; init; } = 1.5;
    /// <summary>Import price in ct/kWh above which the miner does not start; null disables the check.</summary>
    public double? PriceMaxCtKwh { get; init; } = 25;
    /// <summary>Surplus in kW from which a miner runs throttled.</summary>
    public double SurplusThrottleMinKw { get; init; } = 0.8;
    /// <summary>Surplus in kW below which a running miner stops (hysteresis up to <see cref="SurplusThrottleMinKw"/>).</summary>
    public double SurplusStopKw { get; init; }
    /// <summary>SoC in % at or below which no miner starts.</summary>
    public double SocSoftMinPct { get; init; } = 58;
    /// <summary>SoC in % at or below which miners stop to protect the battery reserve.</summary>
    public double SocHardMinPct { get; init; } = 50;
    /// <summary>Net grid import in W above which miners stop.</summary>
    public double MaxGridImportW { get; init; } = 500;
    /// <summary>Chip temperature in °C above which the miner stops at once; at most 95.</summary>
    public double MaxChipTempC { get; init; } = 85;
    /// <summary>Temperature in °C at or below which a lockout may release; below <see cref="MaxChipTempC"/>.</summary>
    public double TResumeC { get; init; } = 75;
    /// <summary>Heartbeat age in s above which contact counts as lost; at most 300.</summary>
    public double CommTimeoutSec { get; init; } = 60;
    /// <summary>Minutes a safety lockout holds at least.</summary>
    public double SafetyLockoutMin { get; init; } = 30;
    /// <summary>Forecast surplus in kW below which no start is proposed.</summary>
    public double MinPredictedSurplusKw { get; init; } = 2.0;
    /// <summary>Price in ct/kWh from which a forecast price spike holds the miner.</summary>
    public double PriceSpikeThresholdCt { get; init; } = 30;
    /// <summary>Blocks after any change during which no other change happens.</summary>
    public int DeadbandHoldBlocks { get; init; } = 2;
    /// <summary>Blocks a started miner runs at least.</summary>
    public int MinRuntimeBlocks { get; init; } = 3;
    /// <summary>Blocks a stopped miner pauses at least.</summary>
    public int MinPauseBlocks { get; init; } = 2;
    /// <summary>soc_band strategy: SoC in % below which miners stop.</summary>
    public double SocStopPct { get; init; } = 50;
    /// <summary>soc_band strategy: SoC in % from which the eco band begins.</summary>
    public double SocEcoStartPct { get; init; } = 58;
    /// <summary>soc_band strategy: SoC in % from which miners run in standard mode.</summary>
    public double SocStandardPct { get; init; } = 80;
    /// <summary>soc_band strategy: SoC in % from which miners run in super mode.</summary>
    public double SocSuperPct { get; init; } = 90;
    /// <summary>soc_band strategy: PV power in W from which a stopped miner starts in the eco band.</summary>
    public double PvStartW { get; init; } = 6000;
    /// <summary>What the data-quality step does when a required site signal is missing.</summary>
    public DataFailSafe DataFailSafe { get; init; } = DataFailSafe.Stop;
    /// <summary>Longest override a person may set, in minutes (1–1440).</summary>
    public int MaxOverrideMin { get; init; } = 120;
    /// <summary>Fleet allocation: surplus in W left unallocated on purpose (docs/fleet.md).</summary>
    public double FleetReserveW { get; init; }
    /// <summary>Fleet allocation: room in W beyond a higher step that a raise needs, so a wobbling surplus sends no command.</summary>
    public double FleetHysteresisW { get; init; } = 50;
}
