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
    /// The mode measured from power and hashrate. A miner is "not mining" only when nothing says otherwise: it
    /// reports no hashrate above zero AND draws no more than an idle miner — a tenth of its eco power when
    /// power is the only evidence, half of it when a measured zero hashrate backs it (a soft-off Avalon keeps
    /// its control board at ~60 W, a paused Bitaxe a few W). A miner that hashes, or that draws like a
    /// running one at zero hashrate, is running whatever the other figure says, so a STOP it ignores is not
    /// confirmed and its relay opens. A reply that carries neither tells nothing: no readback (it throws).
    /// </summary>
    public MinerMode Observed(double? powerW, double? hashrateThs)
    {
        if (powerW is null && hashrateThs is null)
        {
            throw new MinerApiException("the miner reported neither hashrate nor power: what it does cannot be read back");
        }
        var eco = modes.GetValueOrDefault("eco")?.PowerW ?? 0;
        if (hashrateThs > 0)
        {
            return powerW is { } drawing && drawing >= eco / 10 ? Nearest(drawing) : MinerMode.Standard;
        }
        var idleCeilingW = hashrateThs is null ? eco / 10 : eco / 2;
        return powerW is not { } power || power < idleCeilingW ? MinerMode.None : Nearest(power);
    }

    private MinerMode Nearest(double powerW) => Names.Where(modes.ContainsKey)
        .Select(name => (Mode: Parse(name), Distance: Math.Abs(modes[name].PowerW - powerW)))
        .MinBy(m => m.Distance).Mode;

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
