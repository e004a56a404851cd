using System.Text.Json;
using BitGridAI.Cli.Text;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Overrides;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Cli.Decide;

/// <summary>One <c>decide</c> input (RULES.md §7): the readings, the context and the config, read strictly.</summary>
internal sealed record DecideRequest(EnergyState State, DecisionContext Context, EngineConfig Config)
{
    /// <summary>The site's miners when the input lists several (docs/fleet.md); empty for one miner.</summary>
    public IReadOnlyList<FleetInput> Miners { get; init; } = [];

    /// <summary>The energy-path prices and policy for a fleet decision (docs/energy-path.md).</summary>
    public EconomicsInput Economics { get; init; } = EconomicsInput.Default;

    public static DecideRequest Read(ReadOnlyMemory<byte> utf8, DateTimeOffset now)
    {
        using var document = JsonInput.Parse(utf8, "input");
        var root = document.RootElement;
        JsonInput.RequireObject(root, "input");

        var state = EnergyState.Empty;
        var context = new DecisionContext { Now = now, Autonomy = Autonomy.Full, Strategy = Strategy.Surplus, Trigger = Trigger.BlockTick };
        var config = EngineConfig.Default;
        IReadOnlyList<FleetInput> miners = [];
        var economics = EconomicsInput.Default;
        foreach (var property in root.EnumerateObject())
        {
            var (name, value) = (property.Name, property.Value);
            if (SignalInfo.TryParse(name, out var signal))
            {
                state = state.With(signal, JsonInput.Number(value, name));
                continue;
            }
            context = name switch
            {
                "actuator" => context with { Actuator = Names.ParseActuator(name, JsonInput.Text(value, name)) },
                "blocks_since_change" => context with { BlocksSinceChange = JsonInput.WholeNumber(value, name, 0) },
                "reserved_w" => context with { ReservedW = JsonInput.AtLeast(value, name, 0) },
                "autonomy" => context with { Autonomy = Names.ParseAutonomy(name, JsonInput.Text(value, name)) },
                "strategy" => context with { Strategy = Names.ParseStrategy(name, JsonInput.Text(value, name)) },
                "override" => context with { Override = ReadOverride(value) },
                "emergency_stop" => context with { EmergencyStop = JsonInput.Bool(value, name) },
                "miner_powered_off" => context with { MinerPoweredOff = JsonInput.Bool(value, name) },
                "now" => context with { Now = ReadNow(value) },
                "config" or "miners" or "economics" => context,
                _ => throw new CliInputException($"{name}: unknown field"),
            };
            if (name == "config")
            {
                config = ConfigJson.Read(value, "config.");
            }
            if (name == "miners")
            {
                miners = FleetInput.ReadAll(value);
            }
            if (name == "economics")
            {
                economics = EconomicsInput.Read(value);
            }
        }
        if (miners.Count == 0 && root.TryGetProperty("economics", out _))
        {
            throw new CliInputException("economics: prices the energy path of several miners; give a miners array with it");
        }
        return new DecideRequest(state, context, config) { Miners = miners, Economics = economics };
    }

    /// <summary>A decision is valid until the end of the next block, which must still be a date.</summary>
    private static DateTimeOffset ReadNow(JsonElement element)
    {
        var now = JsonInput.Time(element, "now");
        var latest = DateTimeOffset.MaxValue.AddMinutes(-30);
        return now <= latest
            ? now
            : throw new CliInputException($"now: must be no later than {IsoTime.Format(latest)} (got {IsoTime.Format(now)})");
    }

    private static ManualOverride ReadOverride(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return ManualOverride.None;
        }
        JsonInput.RequireObject(element, "override");
        var action = ActuatorState.Unknown;
        DateTimeOffset? expires = null;
        foreach (var property in element.EnumerateObject())
        {
            var field = "override." + property.Name;
            switch (property.Name)
            {
                case "action":
                    action = Names.ParseActuator(field, JsonInput.Text(property.Value, field));
                    break;
                case "expires_at":
                    expires = property.Value.ValueKind == JsonValueKind.Null ? null : JsonInput.Time(property.Value, field);
                    break;
                default:
                    throw new CliInputException($"{field}: unknown field");
            }
        }
        return action != ActuatorState.Unknown
            ? new ManualOverride(action, expires)
            : throw new CliInputException("override.action: must be START, THROTTLE or STOP");
    }
}
