using System.Text.Json;
using BitGridAI.Cli.Text;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Fleet;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Cli.Decide;

/// <summary>
/// The optional <c>miners</c> array of <c>decide</c> (docs/fleet.md): each miner with <c>id</c>, <c>priority</c>
/// (1 = first), either <c>steps_w</c> or <c>min_w</c>/<c>max_w</c>, and optionally its own <c>actuator</c>,
/// <c>blocks_since_change</c>, <c>hashrate_ths</c> (at its top step), <c>miner_temp_c</c>, <c>miner_heartbeat_age_sec</c> and <c>miner_power_w</c> (the
/// top-level miner readings and context stand for every miner that gives none of its own). Read strictly: every
/// error names the miner's field, e.g. <c>miners[1].steps_w</c>.
/// </summary>
internal sealed record FleetInput(string Id, int Priority, double[] StepsW, double? MinW, double? MaxW, ActuatorState? Actuator, long? BlocksSinceChange,
    IReadOnlyDictionary<Signal, double?> Readings)
{
    /// <summary>Its hashrate at its top step, TH/s (it scales with the draw); null: its mining value is unknown.</summary>
    public double? HashrateThs { get; init; }

    private static readonly Signal[] OwnSignals = [Signal.MinerTempC, Signal.MinerHeartbeatAgeSec, Signal.MinerPowerW];

    public static IReadOnlyList<FleetInput> ReadAll(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new CliInputException("miners: expected an array of miner objects");
        }
        var miners = element.EnumerateArray().Select((m, i) => Read(m, $"miners[{i}]")).ToArray();
        if (miners.Length == 0)
        {
            throw new CliInputException("miners: expected at least one miner (leave the field out for a lone miner)");
        }
        if (miners.GroupBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new CliInputException($"miners: the id '{twice.Key}' is given twice");
        }
        return miners;
    }

    private static FleetInput Read(JsonElement element, string at)
    {
        JsonInput.RequireObject(element, at);
        string? id = null;
        int? priority = null;
        double[]? steps = null;
        double? min = null, max = null;
        ActuatorState? actuator = null;
        long? blocks = null;
        double? hashrate = null;
        var readings = new Dictionary<Signal, double?>();
        foreach (var property in element.EnumerateObject())
        {
            var field = $"{at}.{property.Name}";
            var value = property.Value;
            switch (property.Name)
            {
                case "id":
                    id = JsonInput.Text(value, field) is { Length: > 0 and <= 100 } text ? text : throw new CliInputException($"{field}: expected a name of 1 to 100 characters");
                    break;
                case "priority":
                    priority = (int)Math.Min(JsonInput.WholeNumber(value, field, 1), int.MaxValue);
                    break;
                case "steps_w":
                    steps = ReadSteps(value, field);
                    break;
                case "min_w":
                    min = Positive(value, field);
                    break;
                case "max_w":
                    max = Positive(value, field);
                    break;
                case "actuator":
                    actuator = Names.ParseActuator(field, JsonInput.Text(value, field));
                    break;
                case "blocks_since_change":
                    blocks = JsonInput.WholeNumber(value, field, 0);
                    break;
                case "hashrate_ths":
                    hashrate = value.ValueKind == JsonValueKind.Number && value.GetDouble() is var ths && double.IsFinite(ths) && ths > 0 && ths <= 1_000_000
                        ? ths
                        : throw new CliInputException($"{field}: expected a hashrate in TH/s above 0 and at most 1000000, got {value.GetRawText()}");
                    break;
                case var name when SignalInfo.TryParse(name, out var signal) && OwnSignals.Contains(signal):
                    readings[signal] = JsonInput.Number(value, field);
                    break;
                default:
                    throw new CliInputException($"{field}: unknown field");
            }
        }
        if (id is null)
        {
            throw new CliInputException($"{at}.id: required");
        }
        if (priority is null)
        {
            throw new CliInputException($"{at}.priority: required (1 = first)");
        }
        if (steps is not null && (min is not null || max is not null))
        {
            throw new CliInputException($"{at}: give either steps_w or min_w and max_w, not both");
        }
        if (steps is null && (min is null || max is null))
        {
            throw new CliInputException($"{at}: give steps_w (a list of powers in W) or min_w and max_w (a power-target range)");
        }
        if (min > max)
        {
            throw new CliInputException($"{at}.min_w: must not exceed max_w ({min} > {max})");
        }
        return new FleetInput(id, priority.Value, steps ?? [], min, max, actuator, blocks, readings) { HashrateThs = hashrate };
    }

    private static double[] ReadSteps(JsonElement element, string field)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new CliInputException($"{field}: expected a list of powers in W, e.g. [800, 1674, 2000]");
        }
        var steps = element.EnumerateArray().Select((s, i) => Positive(s, $"{field}[{i}]")).ToArray();
        return steps.Length is > 0 and <= 16 ? steps : throw new CliInputException($"{field}: expected 1 to 16 powers (got {steps.Length})");
    }

    /// <summary>A finite power above 0 and at most 1 MW: a miner, not a power station.</summary>
    private static double Positive(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.Number && element.GetDouble() is var w && double.IsFinite(w) && w > 0 && w <= 1_000_000
            ? w
            : throw new CliInputException($"{field}: expected a power in W above 0 and at most 1000000, got {element.GetRawText()}");

    /// <summary>
    /// The miner as the fleet decision takes it: its own readings over the top-level ones, its own context over the
    /// shared one; what it runs at is its reported power (the nearest of its steps), or else its mode's draw.
    /// </summary>
    public FleetMember ToMember(DecideRequest request)
    {
        var state = request.State;
        foreach (var (signal, value) in Readings)
        {
            state = state.With(signal, value);
        }
        var context = request.Context with
        {
            Actuator = Actuator ?? request.Context.Actuator,
            BlocksSinceChange = BlocksSinceChange ?? request.Context.BlocksSinceChange,
        };
        var shape = new FleetMiner(Id, Priority, StepsW, MinW, MaxW, 0);
        var member = new FleetMember(shape, state, context, request.Config);
        var told = member.DrawOf(context.Actuator == ActuatorState.Throttle ? MinerMode.Eco : MinerMode.Standard);
        return context.MinerRuns ? member with { Miner = shape with { CurrentW = shape.ReadBackW(state.ValueOrNaN(Signal.MinerPowerW), told) } } : member;
    }
}
