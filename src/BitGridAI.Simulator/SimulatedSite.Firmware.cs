using BitGridAI.Domain.Decisions;

namespace BitGridAI.Simulator;

/// <summary>
/// The site as the devices' own firmware sees it, for the protocol servers: consistent readings taken at
/// request time, and the commands a miner's API carries out (mode, clock) without the grains' command ids.
/// </summary>
public sealed partial class SimulatedSite
{
    /// <summary>Requests each miner's firmware is still to stall on (its own lock: the servers ask on every request).</summary>
    private readonly Dictionary<string, int> _stalls = new(StringComparer.Ordinal);

    /// <summary>The configured mean ambient temperature in °C (the site's air varies a few K around it with the season).</summary>
    public double AmbientC => _options.AmbientC;

    /// <summary>The site's clock: its time, and the timers of anything that serves the site.</summary>
    public TimeProvider Time => _time;

    /// <summary>The site's readings brought up to now, taken together so that they agree with each other.</summary>
    public SimulatedSiteReading ReadNow()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            AdvanceTo(now);
            return new SimulatedSiteReading(now, PvW, PvEnergyWh, HouseW, SocPct, BatteryW, ImportW, ExportW, ImportedWh, ExportedWh);
        }
    }

    /// <summary>A miner's state brought up to now, including whether it has power and answers (which a port read would throw for).</summary>
    public SimulatedMinerReading ReadMinerNow(string minerId)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            AdvanceTo(now);
            var miner = Miner(minerId);
            return new SimulatedMinerReading(
                now,
                miner.Mode,
                miner.PowerW,
                miner.ChipC,
                miner.HashrateThs,
                miner.MiningSince is { } since ? now - since : TimeSpan.Zero,
                !miner.PowerCut,
                now >= miner.ContactLostUntil);
        }
    }

    /// <summary>
    /// The miner's own firmware API sets its mode (a protocol server's work-mode or pause command), without the
    /// command ids of <see cref="SendAsync"/>; fails as a port command would when the miner has no power or contact.
    /// </summary>
    public void SetMinerMode(string minerId, MinerMode mode)
    {
        bool changed;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            AdvanceTo(now);
            changed = Change(Reachable(minerId, now), mode, now);
        }
        if (changed)
        {
            MinerModeChanged?.Invoke(minerId, mode);
        }
    }

    /// <summary>Scales a miner's power and hashrate in every mode (a firmware clock setting); 1 is its rating.</summary>
    public void SetMinerClockScale(string minerId, double scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            AdvanceTo(now);
            Reachable(minerId, now).ClockScale = scale;
        }
    }

    /// <summary>
    /// The miner's firmware stalls on its next <paramref name="requests"/> API request(s): each is read and then
    /// never answered nor carried out (the connection stays open until the client gives up), as a firmware does
    /// that hangs on one command. Requests on other connections are served as usual.
    /// </summary>
    public void StallNextRequests(string minerId, int requests = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requests);
        lock (_stalls)
        {
            _ = Miner(minerId); // an unknown miner fails here, not at its next request
            _stalls[minerId] = _stalls.GetValueOrDefault(minerId) + requests;
        }
    }

    /// <summary>How many requests the miner's firmware is still to stall on (0 once the stalled ones have come in).</summary>
    public int StallsLeft(string minerId)
    {
        lock (_stalls)
        {
            return _stalls.GetValueOrDefault(minerId);
        }
    }

    /// <summary>For a protocol server: whether this request is one to stall (and counts it as taken).</summary>
    internal bool TakeStall(string minerId)
    {
        lock (_stalls)
        {
            if (_stalls.GetValueOrDefault(minerId) <= 0)
            {
                return false;
            }
            _stalls[minerId]--;
            return true;
        }
    }
}
