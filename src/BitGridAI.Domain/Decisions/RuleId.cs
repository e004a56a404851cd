namespace BitGridAI.Domain.Decisions;

/// <summary>The step of RULES.md §2 that decided.</summary>
public enum RuleId
{
    Unknown = 0,
    /// <summary>Surplus and SoC-band rules, including the soc_band reserve.</summary>
    R1 = 1,
    /// <summary>Autarky: battery reserve and grid import limit.</summary>
    R2 = 2,
    /// <summary>Safety: temperature, communication, emergency stop, lockout.</summary>
    R3 = 3,
    /// <summary>Forecast: weak PV ahead or a price spike.</summary>
    R4 = 4,
    /// <summary>Stability: minimum run and pause times, deadband.</summary>
    R5 = 5,
    /// <summary>Data quality: a required site signal is missing.</summary>
    DQ = 6,
    /// <summary>A person's override.</summary>
    OVR = 7,
    /// <summary>MANUAL autonomy: only safety and overrides act.</summary>
    MANUAL = 8,
}
