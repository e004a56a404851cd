using BitGridAI.Adapters.Miners;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Adapters.Drivers;

/// <summary>Which cgminer-family firmware a miner runs: it decides how a stop and a mode are sent.</summary>
public enum CgminerFirmware
{
    /// <summary>Canaan Avalon: work mode 0/1/2, soft off/on.</summary>
    Avalon,

    /// <summary>LuxOS: curtail sleep/wakeup and power profiles, each in a logon session.</summary>
    LuxOs,
}

/// <summary>
/// A miner on the cgminer-family API. A stop is a soft off (Avalon) or a curtail sleep (LuxOS): the
/// miner stops hashing but keeps its control board and fans up, so it stays readable. A start wakes it
/// and selects the mode's setting from the template.
/// </summary>
public sealed class CgminerDriver(CgminerClient client, CgminerFirmware firmware, MinerModes modes, TimeProvider time) : IMinerDriver
{
    public async ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken cancellationToken) =>
        (await ReadingAsync(cancellationToken)).ToReadings();

    public async ValueTask SendAsync(MinerCommand command, CancellationToken cancellationToken)
    {
        var target = MinerModes.Target(command.Action, command.Mode);
        if (firmware == CgminerFirmware.Avalon)
        {
            if (target == MinerMode.None)
            {
                await client.SetAvalonSoftOffAsync(true, time.GetUtcNow(), cancellationToken);
                return;
            }
            await client.SetAvalonSoftOffAsync(false, time.GetUtcNow(), cancellationToken);
            await client.SetAvalonWorkModeAsync(modes.For(target).WorkMode ?? throw NoSetting(target, "workMode"), cancellationToken);
            return;
        }

        var session = await client.LuxOsLogonAsync(cancellationToken);
        if (target == MinerMode.None)
        {
            await client.LuxOsCurtailAsync(session, sleep: true, cancellationToken);
            return;
        }
        await client.LuxOsCurtailAsync(session, sleep: false, cancellationToken);
        await client.LuxOsSetProfileAsync(session, modes.For(target).Profile ?? throw NoSetting(target, "profile"), cancellationToken);
    }

    public async ValueTask<MinerMode> ReadModeAsync(CancellationToken cancellationToken)
    {
        var reading = await ReadingAsync(cancellationToken);
        return modes.Observed(reading.PowerW, reading.HashrateThs);
    }

    private async Task<MinerReading> ReadingAsync(CancellationToken cancellationToken)
    {
        var reading = await client.ReadAsync(cancellationToken);
        // LuxOS reports its draw through its own command when the stats do not carry it.
        return firmware == CgminerFirmware.LuxOs && reading.PowerW is null
            ? reading with { PowerW = await client.LuxOsPowerAsync(cancellationToken) }
            : reading;
    }

    private static MinerApiException NoSetting(MinerMode mode, string key) =>
        new($"the miner's template gives no {key} for mode {mode.ToString().ToLowerInvariant()}");
}
