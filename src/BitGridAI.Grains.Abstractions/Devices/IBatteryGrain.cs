namespace BitGridAI.Grains.Abstractions.Devices;

/// <summary>A house battery: provides SoC in % and power in W (positive = discharging).</summary>
public interface IBatteryGrain : IDeviceGrain;
