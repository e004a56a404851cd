namespace BitGridAI.Grains.Abstractions.Devices;

/// <summary>The grid connection meter: provides import and export in W, and the house load where it is metered.</summary>
public interface IGridMeterGrain : IDeviceGrain;
