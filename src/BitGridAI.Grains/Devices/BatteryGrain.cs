using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BitGridAI.Grains.Devices;

internal sealed class BatteryGrain(
    [PersistentState("device", "bitgrid")] IPersistentState<DeviceGrainState> state,
    IDevicePort port,
    SiteClock clock,
    ISiteCatalog catalog,
    IOptions<GrainTimingOptions> timing,
    ILogger<BatteryGrain> logger) : DeviceGrain(state, port, clock, catalog, timing, logger), IBatteryGrain;
