using BitGridAI.Domain.Signals;

namespace BitGridAI.Domain.Telemetry;

/// <summary>How a block's samples of a signal become the one value the engine sees (RULES.md §5).</summary>
public enum Aggregation
{
    Unknown = 0,
    /// <summary>Powers: the mean over the window.</summary>
    Mean = 1,
    /// <summary>SoC, temperature, price, forecast: the latest sample.</summary>
    Latest = 2,
}

/// <summary>Which aggregation and which maximum age each signal has.</summary>
public static class SignalAggregation
{
    public static Aggregation Of(Signal signal) => signal switch
    {
        Signal.PvPowerW or Signal.HouseLoadW or Signal.GridImportW or Signal.GridExportW
            or Signal.BatteryPowerW or Signal.MinerPowerW => Aggregation.Mean,
        _ => Aggregation.Latest,
    };
}
