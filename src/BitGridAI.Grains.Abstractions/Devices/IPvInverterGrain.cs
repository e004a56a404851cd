namespace BitGridAI.Grains.Abstractions.Devices;

/// <summary>A PV inverter: provides PV AC output in W.</summary>
public interface IPvInverterGrain : IDeviceGrain;
