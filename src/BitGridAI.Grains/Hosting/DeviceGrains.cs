using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Hosting;

/// <summary>The grain of a configured device, by its kind.</summary>
public static class DeviceGrains
{
    public static IDeviceGrain Of(IGrainFactory grains, DeviceDefinition device) => device.Kind switch
    {
        DeviceKind.PvInverter => grains.GetGrain<IPvInverterGrain>(device.Id),
        DeviceKind.Battery => grains.GetGrain<IBatteryGrain>(device.Id),
        DeviceKind.GridMeter => grains.GetGrain<IGridMeterGrain>(device.Id),
        DeviceKind.Miner => grains.GetGrain<IMinerGrain>(device.Id),
        _ => throw new InvalidOperationException($"device '{device.Id}' has no kind"),
    };
}
