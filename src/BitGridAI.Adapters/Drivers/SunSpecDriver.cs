using BitGridAI.Adapters.Modbus;
using BitGridAI.Adapters.SunSpec;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Adapters.Drivers;

/// <summary>
/// An inverter, grid meter or battery speaking SunSpec over Modbus TCP. The model chain is discovered on
/// the first poll and again after any failure (a device that restarted may have moved its models).
/// A point the device marks "not implemented" is left out, so the engine sees that signal as missing.
/// The Modbus client is not owned: devices behind one host and port share it (many inverters take only
/// one connection), and whoever created it closes it.
/// </summary>
public sealed class SunSpecDriver(DeviceKind kind, ModbusTcpClient client, byte unit, SunSpecLayout layout, MeterSign meterSign) : IDeviceDriver
{
    private readonly SunSpecDevice _device = new(client, unit, layout);
    private bool _discovered;

    public async ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!_discovered)
            {
                await _device.DiscoverAsync(cancellationToken);
                _discovered = true;
            }
            return await ReadPointsAsync(cancellationToken);
        }
        catch
        {
            _discovered = false;
            throw;
        }
    }

    private async Task<IReadOnlyList<Reading>> ReadPointsAsync(CancellationToken cancellationToken)
    {
        var readings = new List<Reading>(3);
        void Add(Signal signal, double? value)
        {
            if (value is { } v)
            {
                readings.Add(new Reading(signal, v));
            }
        }

        switch (kind)
        {
            case DeviceKind.PvInverter:
                Add(Signal.PvPowerW, (await _device.ReadInverterAsync(cancellationToken)).PowerW);
                break;
            case DeviceKind.GridMeter:
                var (meterW, _, _) = await _device.ReadMeterAsync(cancellationToken);
                var importW = meterSign == MeterSign.ImportPositive ? meterW : -meterW;
                Add(Signal.GridImportW, importW is { } i ? Math.Max(0, i) : null);
                Add(Signal.GridExportW, importW is { } e ? Math.Max(0, -e) : null);
                break;
            case DeviceKind.Battery:
                var (soc, batteryW) = await _device.ReadBatteryAsync(cancellationToken);
                Add(Signal.BatterySocPct, soc);
                Add(Signal.BatteryPowerW, batteryW);
                break;
            default:
                throw new InvalidOperationException($"SunSpec reads inverters, meters and batteries, not {kind}");
        }
        return readings;
    }
}
