using BitGridAI.Adapters.Mqtt;
using BitGridAI.Grains.Ports;

namespace BitGridAI.Silo.Hosting;

/// <summary>Sends a relay switch to the MQTT plugs when one of them has that id, otherwise to the simulated site.</summary>
internal sealed class RelayRouter(MqttRelayPort mqtt, IRelayPort simulated) : IRelayPort
{
    public ValueTask SwitchAsync(string relayId, bool on, CancellationToken cancellationToken) =>
        mqtt.Handles(relayId) ? mqtt.SwitchAsync(relayId, on, cancellationToken) : simulated.SwitchAsync(relayId, on, cancellationToken);
}
