using System.Reflection;
using System.Text.Json.Nodes;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Silo.HomeAssistant;

/// <summary>
/// The discovery configs Home Assistant builds its entities from: one device for the site (decision, explanation,
/// surplus, autonomy select, override and emergency-stop buttons) and one per miner (state, power, temperature,
/// health, emergency stop, lockout), each entity with a unique_id, the device block and the availability topic.
/// States come as JSON objects on a few topics; each entity picks its value with a template.
/// </summary>
internal sealed class HomeAssistantDiscovery(HomeAssistantOptions options, HomeAssistantTopics topics, SiteDefinition site)
{
    private static readonly string Version = (typeof(HomeAssistantDiscovery).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0").Split('+')[0];

    /// <summary>The miners' object ids in topics and unique_ids, by miner id.</summary>
    public IReadOnlyDictionary<string, string> MinerIds { get; } = HomeAssistantIds.ForMiners(site.Miners.Select(m => m.Id));

    public IReadOnlyList<HomeAssistantMessage> Configs()
    {
        var messages = new List<HomeAssistantMessage>
        {
            Entity("sensor", "decision_code", SiteDevice(), new JsonObject
            {
                ["name"] = "Decision",
                ["icon"] = "mdi:head-cog-outline",
                ["state_topic"] = topics.Site,
                ["value_template"] = "{{ value_json.decision_code }}",
            }),
            Entity("sensor", "explanation", SiteDevice(), new JsonObject
            {
                ["name"] = "Explanation",
                ["icon"] = "mdi:comment-text-outline",
                ["state_topic"] = topics.Site,
                ["value_template"] = "{{ value_json.explanation }}",
                ["json_attributes_topic"] = topics.Site,
                ["json_attributes_template"] = "{{ value_json.decision | tojson }}",
            }),
            Entity("sensor", "surplus", SiteDevice(), new JsonObject
            {
                ["name"] = "PV surplus",
                ["device_class"] = "power",
                ["state_class"] = "measurement",
                ["unit_of_measurement"] = "W",
                ["state_topic"] = topics.Site,
                ["value_template"] = "{{ value_json.surplus_w }}",
            }),
            Entity("sensor", "override", SiteDevice(), new JsonObject
            {
                ["name"] = "Override",
                ["icon"] = "mdi:hand-back-right-outline",
                ["state_topic"] = topics.Site,
                ["value_template"] = "{{ value_json.override }}",
                ["json_attributes_topic"] = topics.Site,
                ["json_attributes_template"] = "{{ value_json.override_details | tojson }}",
            }),
            Entity("select", "autonomy", SiteDevice(), new JsonObject
            {
                ["name"] = "Autonomy",
                ["icon"] = "mdi:robot-outline",
                ["state_topic"] = topics.Site,
                ["value_template"] = "{{ value_json.autonomy }}",
                ["command_topic"] = topics.AutonomyCommand,
                ["options"] = new JsonArray(HomeAssistantCommand.AutonomyLevels.Select(l => (JsonNode)l).ToArray()),
                ["qos"] = 1,
            }),
        };
        var minutes = options.OverrideMinutes;
        foreach (var (action, icon) in new[] { ("START", "mdi:play"), ("THROTTLE", "mdi:speedometer-slow"), ("STOP", "mdi:stop") })
        {
            messages.Add(Button($"override_{action.ToLowerInvariant()}", $"Override: {action.ToLowerInvariant()} for {minutes} min", icon, topics.OverrideCommand, action));
        }
        messages.Add(Button("override_clear", "Clear override", "mdi:close-circle-outline", topics.OverrideCommand, HomeAssistantCommand.Clear));
        messages.Add(Button("emergency_stop", "Emergency stop", "mdi:alert-octagon", topics.EmergencyStopCommand, HomeAssistantCommand.Press));
        messages.Add(Button("emergency_stop_ack", "Acknowledge emergency stop", "mdi:check-decagram-outline", topics.AcknowledgeCommand, HomeAssistantCommand.Press));

        foreach (var miner in site.Miners)
        {
            var id = MinerIds[miner.Id];
            var state = topics.Miner(id);
            messages.Add(Entity("sensor", $"{id}_state", MinerDevice(miner.Id, id), new JsonObject
            {
                ["name"] = "State",
                ["icon"] = "mdi:pickaxe",
                ["state_topic"] = state,
                ["value_template"] = "{{ value_json.state }}",
                ["json_attributes_topic"] = state,
                ["json_attributes_template"] = "{{ value_json.details | tojson }}",
            }));
            messages.Add(Entity("sensor", $"{id}_power", MinerDevice(miner.Id, id), new JsonObject
            {
                ["name"] = "Power",
                ["device_class"] = "power",
                ["state_class"] = "measurement",
                ["unit_of_measurement"] = "W",
                ["state_topic"] = state,
                ["value_template"] = "{{ value_json.power_w }}",
            }));
            messages.Add(Entity("sensor", $"{id}_temperature", MinerDevice(miner.Id, id), new JsonObject
            {
                ["name"] = "Temperature",
                ["device_class"] = "temperature",
                ["state_class"] = "measurement",
                ["unit_of_measurement"] = "°C",
                ["state_topic"] = state,
                ["value_template"] = "{{ value_json.temp_c }}",
            }));
            messages.Add(Entity("sensor", $"{id}_health", MinerDevice(miner.Id, id), new JsonObject
            {
                ["name"] = "Health",
                ["icon"] = "mdi:heart-pulse",
                ["state_topic"] = state,
                ["value_template"] = "{{ value_json.health }}",
            }));
            messages.Add(Entity("binary_sensor", $"{id}_emergency_stop", MinerDevice(miner.Id, id), new JsonObject
            {
                ["name"] = "Emergency stop",
                ["device_class"] = "safety",
                ["state_topic"] = state,
                ["value_template"] = "{{ 'ON' if value_json.emergency_stop else 'OFF' }}",
            }));
            messages.Add(Entity("binary_sensor", $"{id}_lockout", MinerDevice(miner.Id, id), new JsonObject
            {
                ["name"] = "Safety lockout",
                ["device_class"] = "problem",
                ["state_topic"] = state,
                ["value_template"] = "{{ 'ON' if value_json.lockout else 'OFF' }}",
            }));
        }
        return messages;
    }

    private HomeAssistantMessage Button(string objectId, string name, string icon, string commandTopic, string payload) =>
        Entity("button", objectId, SiteDevice(), new JsonObject
        {
            ["name"] = name,
            ["icon"] = icon,
            ["command_topic"] = commandTopic,
            ["payload_press"] = payload,
            ["qos"] = 1,
        });

    /// <summary>A config with what every entity shares: unique_id, device, availability, origin.</summary>
    private HomeAssistantMessage Entity(string component, string objectId, JsonObject device, JsonObject config)
    {
        config["unique_id"] = $"{options.NodeId}_{objectId}";
        config["has_entity_name"] = true;
        config["availability_topic"] = topics.Availability;
        config["payload_available"] = HomeAssistantTopics.Online;
        config["payload_not_available"] = HomeAssistantTopics.Offline;
        config["device"] = device;
        config["origin"] = new JsonObject { ["name"] = "BitGridAI", ["sw_version"] = Version };
        return new HomeAssistantMessage(topics.Config(component, objectId), config.ToJsonString(HomeAssistantJson.Options));
    }

    private JsonObject SiteDevice() => new()
    {
        ["identifiers"] = new JsonArray(options.NodeId),
        ["name"] = options.DeviceName,
        ["manufacturer"] = "BitGridAI",
        ["model"] = "Energy manager",
        ["sw_version"] = Version,
    };

    private JsonObject MinerDevice(string minerId, string objectId) => new()
    {
        ["identifiers"] = new JsonArray($"{options.NodeId}_{objectId}"),
        ["name"] = $"{options.DeviceName} {minerId}",
        ["manufacturer"] = "BitGridAI",
        ["model"] = "Miner",
        ["via_device"] = options.NodeId,
    };
}
