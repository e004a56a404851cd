namespace BitGridAI.Adapters.Drivers;

/// <summary>
/// What one engine mode (eco, standard, super) means on a miner model: its draw, and the firmware setting
/// that selects it (an Avalon work mode, a LuxOS profile, a Bitaxe frequency and core voltage).
/// </summary>
public sealed class MinerModeSettings
{
    public double PowerW { get; set; }

    /// <summary>Avalon <c>ascset|0,workmode,set,N</c>.</summary>
    public int? WorkMode { get; set; }

    /// <summary>LuxOS <c>profileset</c> profile name.</summary>
    public string? Profile { get; set; }

    /// <summary>Bitaxe ASIC frequency in MHz.</summary>
    public int? FrequencyMhz { get; set; }

    /// <summary>Bitaxe core voltage in mV.</summary>
    public int? CoreVoltageMv { get; set; }
}
