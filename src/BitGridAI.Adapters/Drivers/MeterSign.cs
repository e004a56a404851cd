namespace BitGridAI.Adapters.Drivers;

/// <summary>Which way a meter counts its total power: vendors differ, so it is set per device.</summary>
public enum MeterSign
{
    /// <summary>Positive W = power taken from the grid.</summary>
    ImportPositive,

    /// <summary>Positive W = power fed into the grid.</summary>
    ExportPositive,
}
