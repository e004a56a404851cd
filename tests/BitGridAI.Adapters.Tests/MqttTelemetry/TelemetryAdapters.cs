using BitGridAI.Adapters.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;

namespace BitGridAI.Adapters.Tests;

/// <summary>Starts the telemetry adapter against a test broker and waits until it is connected and subscribed.</summary>
internal static class TelemetryAdapters
{
    public static MqttTelemetryOptions Options(int port, params MqttDeviceMapping[] devices) => new()
    {
        Port = port,
        ClientId = "bitgrid-test-" + Guid.NewGuid().ToString("N")[..8],
        Site = "home",
        Devices = [.. devices],
        // The devices the tests publish for in BitGridAI's schema, each with the signals of its kind.
        SchemaDevices =
        [
            Schema("pv-1", "pv_power_w", "pv_forecast_kw"),
            Schema("battery", "battery_soc_pct", "battery_power_w"),
            Schema("meter", "grid_import_w", "grid_export_w", "house_load_w", "energy_price_ct_kwh"),
        ],
    };

    public static MqttSchemaDevice Schema(string id, params string[] signals) => new() { Id = id, Signals = [.. signals] };

    public static async Task<MqttTelemetryAdapter> StartAsync(MqttTelemetryOptions options, RecordingSink sink, TimeProvider? clock = null)
    {
        var adapter = new MqttTelemetryAdapter(options, sink, clock ?? TimeProvider.System, NullLogger<MqttTelemetryAdapter>.Instance);
        await adapter.StartAsync(CancellationToken.None);
        await ConnectedAsync(adapter, true);
        return adapter;
    }

    public static async Task ConnectedAsync(MqttTelemetryAdapter adapter, bool connected, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (adapter.IsConnected != connected)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(connected ? "the adapter did not connect" : "the adapter did not notice the lost connection");
            }
            await Task.Delay(20);
        }
    }

    public static MqttDeviceMapping Device(string id, params MqttSignalMapping[] signals) => new() { Id = id, Signals = [.. signals] };
}
