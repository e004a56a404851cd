namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>Which grain a configured device becomes.</summary>
public enum DeviceKind
{
    Unknown = 0,
    PvInverter = 1,
    Battery = 2,
    GridMeter = 3,
    Miner = 4,
}
