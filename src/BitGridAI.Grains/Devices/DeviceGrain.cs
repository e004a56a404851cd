using System.Collections.Immutable;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Telemetry;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BitGridAI.Grains.Devices;

/// <summary>
/// What every device grain does: validate each sample (RULES.md §1 ranges, timestamps), keep the
/// current block window in memory, poll its device on a grain timer, and hand the window over when
/// the block closes. A sample stamped before the last close (it came late) counts in the next window:
/// a closed block is never rewritten.
/// </summary>
internal abstract class DeviceGrain(
    IPersistentState<DeviceGrainState> state,
    IDevicePort port,
    SiteClock clock,
    ISiteCatalog catalog,
    IOptions<GrainTimingOptions> timing,
    ILogger logger) : Grain, IDeviceGrain
{
    private static readonly TimeSpan SaveDelay = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<Signal, SignalWindow> _window = [];
    private int _lateSamples;
    private int _pollFailures;
    private string? _lastPollFailure;
    private TelemetryFreshness _freshness = TelemetryFreshness.Default;
    private bool _unsaved;
    private long _rejectedAtLastClose;

    protected IPersistentState<DeviceGrainState> State => state;

    protected SiteClock Clock => clock;

    protected ISiteCatalog Catalog => catalog;

    protected GrainTimingOptions Timing => timing.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _freshness = catalog.SiteOf(this.GetPrimaryKeyString()).Freshness;
        this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions
        {
            DueTime = SaveDelay,
            Period = SaveDelay,
            Interleave = false,
            KeepAlive = false,
        });
        if (timing.Value.PollInterval > TimeSpan.Zero)
        {
            // One poll before the grain answers anything, so the first block decision already has data.
            await PollAsync(cancellationToken);
            this.RegisterGrainTimer(PollAsync, new GrainTimerCreationOptions
            {
                DueTime = timing.Value.PollInterval,
                Period = timing.Value.PollInterval,
                Interleave = false,
                KeepAlive = true,
            });
        }
    }

    public Task ReportAsync(TelemetrySample sample)
    {
        var now = clock.Now;
        Accept(sample, now);
        return OnSamplesAcceptedAsync(now);
    }

    public Task ReportManyAsync(ImmutableArray<TelemetrySample> samples)
    {
        var now = clock.Now;
        foreach (var sample in samples)
        {
            Accept(sample, now);
        }
        return OnSamplesAcceptedAsync(now);
    }

    /// <summary>Runs after every batch of samples; the miner grain's safety path hooks in here.</summary>
    protected virtual Task OnSamplesAcceptedAsync(DateTimeOffset now) => Task.CompletedTask;

    /// <summary>
    /// The latest plausible value of a signal if it is fresh enough to count, else null. A persisted reading
    /// stamped ahead of the clock (the simulated clock resumed behind it after a crash) does not count.
    /// </summary>
    protected double? Fresh(Signal signal, DateTimeOffset now) =>
        state.State.Latest.TryGetValue(SignalInfo.Name(signal), out var sample) && _freshness.IsFresh(signal, sample.At, now)
            ? sample.Value
            : null;

    public Task<DeviceWindow> CloseWindowAsync(DateTimeOffset windowEnd)
    {
        var window = new DeviceWindow(
            this.GetPrimaryKeyString(),
            [.. _window.Values.Where(w => w.Count > 0).OrderBy(w => w.Signal).Select(WindowSummary.From)],
            state.State.LastContact,
            _lateSamples);
        _window.Clear();
        _lateSamples = 0;
        _rejectedAtLastClose = state.State.Rejected.Values.Sum();
        state.State.WindowClosedAt = windowEnd;
        _unsaved = true;
        return Task.FromResult(window);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await SaveAsync(cancellationToken);
    }

    /// <summary>
    /// The state is written once per block, just after the close rather than inside it: the site's tick
    /// waits for no device write (the samples themselves are kept in the block record).
    /// </summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_unsaved)
        {
            _unsaved = false;
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task<DeviceStatus> GetStatusAsync()
    {
        var (health, reason) = Health(clock.Now);
        return Task.FromResult(new DeviceStatus(
            this.GetPrimaryKeyString(),
            [.. state.State.Latest.Values.OrderBy(s => s.Signal)],
            state.State.LastContact,
            state.State.Rejected.ToImmutableDictionary(),
            state.State.Accepted,
            health,
            reason)
        {
            PollFailures = state.State.PollFailures.ToImmutableDictionary(),
        });
    }

    /// <summary>ok, warn (it answers, but not cleanly) or error (no fresh data), with the reason a person reads.</summary>
    private (string Health, string? Reason) Health(DateTimeOffset now)
    {
        if (state.State.LastContact is not { } contact)
        {
            return ("error", "never reached");
        }
        var silent = now - contact;
        if (silent > _freshness.DefaultMaxAge)
        {
            return ("error", $"no data for {silent.TotalSeconds:F0} s");
        }
        if (_pollFailures > 0)
        {
            return ("warn", $"{_pollFailures} failed poll(s) in a row, last: {_lastPollFailure}");
        }
        var rejected = state.State.Rejected.Values.Sum();
        return rejected > _rejectedAtLastClose ? ("warn", $"{rejected - _rejectedAtLastClose} implausible sample(s) this block") : ("ok", null);
    }

    /// <summary>Counts a sample in the window when it is plausible; otherwise counts why not.</summary>
    protected void Accept(TelemetrySample sample, DateTimeOffset now)
    {
        var verdict = SampleCheck.Judge(sample.Signal, sample.Value, sample.At, now, _freshness);
        if (verdict != SampleVerdict.Accepted)
        {
            var key = $"{Name(sample.Signal)}:{verdict}";
            state.State.Rejected[key] = state.State.Rejected.GetValueOrDefault(key) + 1;
            return;
        }
        if (state.State.WindowClosedAt is { } closed && sample.At < closed)
        {
            _lateSamples++;
        }
        _window[sample.Signal] = (_window.TryGetValue(sample.Signal, out var w) ? w : SignalWindow.Empty(sample.Signal)).Add(sample.Value, sample.At);
        var latestKey = SignalInfo.Name(sample.Signal);
        if (!state.State.Latest.TryGetValue(latestKey, out var latest) || sample.At >= latest.At)
        {
            state.State.Latest[latestKey] = sample;
        }
        state.State.Accepted++;
        if (state.State.LastContact is not { } contact || sample.At > contact)
        {
            state.State.LastContact = sample.At;
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            var samples = await port.ReadAsync(this.GetPrimaryKeyString(), cancellationToken);
            var now = clock.Now;
            foreach (var sample in samples)
            {
                Accept(sample, now);
            }
            _pollFailures = 0;
            await OnSamplesAcceptedAsync(now);
        }
        catch (DeviceUnreachableException e)
        {
            // Waiting out a backoff is not a new failure of the device.
            if (e.Kind != "backoff")
            {
                state.State.PollFailures[e.Kind] = state.State.PollFailures.GetValueOrDefault(e.Kind) + 1;
                _lastPollFailure = $"{e.Kind}: {e.Message}";
                _unsaved = true;
            }
            // Logged on the first failure and then every 60th, so a dead device does not flood the log.
            if (_pollFailures++ % 60 == 0)
            {
                Log.DeviceUnreachable(logger, this.GetPrimaryKeyString(), e.Message, _pollFailures);
            }
        }
    }

    private static string Name(Signal signal) => signal is > Signal.Unknown and <= Signal.PvForecastKw ? SignalInfo.Name(signal) : $"signal_{(int)signal}";
}
