using BitGridAI.Adapters.Miners;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Adapters.Drivers;

/// <summary>
/// A Bitaxe on AxeOS. A stop pauses mining; a start sets the mode's frequency and core voltage (applied
/// live since AxeOS 2.15) and resumes.
/// </summary>
public sealed class AxeOsDriver(AxeOsClient client, MinerModes modes) : IMinerDriver
{
    public async ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken cancellationToken) =>
        (await client.ReadAsync(cancellationToken)).ToReadings();

    public async ValueTask SendAsync(MinerCommand command, CancellationToken cancellationToken)
    {
        var target = MinerModes.Target(command.Action, command.Mode);
        if (target == MinerMode.None)
        {
            await client.PauseAsync(cancellationToken);
            return;
        }
        var settings = modes.For(target);
        if (settings is { FrequencyMhz: { } mhz, CoreVoltageMv: { } mv })
        {
            await client.SetFrequencyAsync(mhz, mv, cancellationToken);
        }
        await client.ResumeAsync(cancellationToken);
    }

    public async ValueTask<MinerMode> ReadModeAsync(CancellationToken cancellationToken)
    {
        var reading = await client.ReadAsync(cancellationToken);
        return modes.Observed(reading.PowerW, reading.HashrateThs);
    }
}
