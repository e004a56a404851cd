using BitGridAI.Adapters.Miners;
using BitGridAI.Domain.Decisions;

namespace BitGridAI.Adapters.Drivers;

/// <summary>
/// A miner model's modes. The mode a miner is in is read back from what it draws: the mode whose rated
/// power is nearest its measured power, and not mining when it hashes nothing or draws under a tenth of
/// its eco power. That works the same on every firmware, whatever it calls its settings.
/// </summary>
public sealed class MinerModes(IReadOnlyDictionary<string, MinerModeSettings> modes)
{
    public static readonly IReadOnlyList<string> Names = ["eco", "standard", "super"];

    public MinerModeSettings For(MinerMode mode) => modes.GetValueOrDefault(Name(mode))
        ?? throw new InvalidOperationException($"the template defines no '{Name(mode)}' mode");

    /// <summary>The mode a START or THROTTLE runs in: THROTTLE is eco; START is standard unless the engine asked for super.</summary>
    public static MinerMode Target(ActuatorState action, MinerMode mode) => action switch
    {
        ActuatorState.Throttle => MinerMode.Eco,
        ActuatorState.Start => mode == MinerMode.Super ? MinerMode.Super : MinerMode.Standard,
        _ => MinerMode.None,
    };

    /// <summary>
    /// The mode measured from power and hashrate. A reply that carries neither tells nothing about whether the
    /// miner still mines: that is no readback (it throws), never "not mining" — a STOP is confirmed only by a
    /// measured zero hashrate or a draw at idle.
    /// </summary>
    public MinerMode Observed(double? powerW, double? hashrateThs)
    {
        if (powerW is null && hashrateThs is null)
        {
            throw new MinerApiException("the miner reported neither hashrate nor power: what it does cannot be read back");
        }
        if (hashrateThs is <= 0 || powerW is null)
        {
            return hashrateThs > 0 ? MinerMode.Standard : MinerMode.None;
        }
        var eco = modes.GetValueOrDefault("eco")?.PowerW ?? 0;
        if (powerW < eco / 10)
        {
            return MinerMode.None;
        }
        return Names.Where(modes.ContainsKey)
            .Select(name => (Mode: Parse(name), Distance: Math.Abs(modes[name].PowerW - powerW.Value)))
            .MinBy(m => m.Distance).Mode;
    }

    private static string Name(MinerMode mode) => mode switch
    {
        MinerMode.Eco => "eco",
        MinerMode.Super => "super",
        _ => "standard",
    };

    private static MinerMode Parse(string name) => name switch
    {
        "eco" => MinerMode.Eco,
        "super" => MinerMode.Super,
        _ => MinerMode.Standard,
    };
}
