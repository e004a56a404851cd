using System.Collections.Immutable;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Telemetry;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BitGridAI.Grains.Devices;

/// <summary>
/// What every device grain does: validate each sample (RULES.md §1 ranges, timestamps), keep the
/// current block window in memory, poll its device on a grain timer (the poll itself runs outside the turn
/// and hands its outcome back, so a hung device never holds the grain), and hand the window over when
/// the block closes. A sample stamped before the last close (it came late) counts in the next window:
/// a closed block is never rewritten.
/// </summary>
#pragma warning disable CA1001 // _deactivating has no timer to release; it is cancelled, never disposed, when the activation ends
internal abstract class DeviceGrain(
    IPersistentState<DeviceGrainState> state,
    IDevicePort port,
    SiteClock clock,
    ISiteCatalog catalog,
    IOptions<GrainTimingOptions> timing,
    ILogger logger) : Grain, IDeviceGrain, IDeviceIoGrain
#pragma warning restore CA1001
{
    private static readonly TimeSpan SaveDelay = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<Signal, SignalWindow> _window = [];
    private int _lateSamples;
    private int _pollFailures;
    private string? _lastPollFailure;
    private TelemetryFreshness _freshness = TelemetryFreshness.Default;
    private bool _unsaved;
    private long _rejectedAtLastClose;
    private DeviceDefinition _definition = null!;
    private bool _pollInFlight;
    private long _pollNumber;
    private readonly CancellationTokenSource _deactivating = new();

    protected IPersistentState<DeviceGrainState> State => state;

    protected SiteClock Clock => clock;

    protected ISiteCatalog Catalog => catalog;

    protected GrainTimingOptions Timing => timing.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var site = catalog.SiteOf(this.GetPrimaryKeyString());
        _freshness = site.Freshness;
        _definition = site.Devices.Single(d => d.Id == this.GetPrimaryKeyString());
        this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions
        {
            DueTime = SaveDelay,
            Period = SaveDelay,
            Interleave = false,
            KeepAlive = false,
        });
        if (timing.Value.PollInterval > TimeSpan.Zero)
        {
            this.RegisterGrainTimer(_ => PollTickAsync(), new GrainTimerCreationOptions
            {
                DueTime = timing.Value.PollInterval,
                Period = timing.Value.PollInterval,
                Interleave = false,
                KeepAlive = true,
            });
            // One poll before the grain answers anything, so the first block decision already has data — but only
            // for one poll interval: a device that hangs or throws must not hold up, let alone fail, the activation
            // (the miner's watchdog is already registered). A late reply is handed back like any other poll's.
            var poll = StartPoll();
            var realTime = ServiceProvider.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
            if (await Task.WhenAny(poll, Task.Delay(timing.Value.PollInterval, realTime, cancellationToken)) == poll)
            {
                var (samples, failure) = await poll;
                await ApplyPollAsync(_pollNumber, samples, failure);
            }
            else
            {
                HandBackPoll(poll);
            }
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

    public Task ReportPushedAsync(ImmutableArray<TelemetrySample> samples)
    {
        var now = clock.Now;
        var accepted = 0;
        foreach (var sample in samples)
        {
            if (PushRefusal(sample.Signal) is { } reason)
            {
                BitGridMetrics.SampleRejected(_definition.Id);
                Count($"{Name(sample.Signal)}:{reason}");
                continue;
            }
            Accept(sample, now);
            accepted++;
        }
        return accepted > 0 ? OnSamplesAcceptedAsync(now) : Task.CompletedTask;
    }

    /// <summary>
    /// Why a pushed sample is refused, or null: a device speaks only through its configured channel. A polled
    /// device's readings and contact come from its driver alone (a stray MQTT message must not keep a silent
    /// miner looking alive); a pushed one takes only the signals its mapping names — none when it names none. A device
    /// of no known channel (tests, tools) is not restricted.
    /// </summary>
    private string? PushRefusal(Signal signal) => _definition.Channel switch
    {
        TelemetryChannel.Polled => "not_its_channel",
        TelemetryChannel.Pushed when !_definition.PushedSignals.Contains(signal) => "not_configured",
        _ => null,
    };

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

    /// <summary>Like <see cref="Fresh"/>, but only a reading taken after <paramref name="since"/>.</summary>
    protected double? FreshSince(Signal signal, DateTimeOffset since, DateTimeOffset now) =>
        state.State.Latest.TryGetValue(SignalInfo.Name(signal), out var sample) && sample.At > since && _freshness.IsFresh(signal, sample.At, now)
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
        await _deactivating.CancelAsync();
        await SaveAsync(cancellationToken);
    }

    /// <summary>Cancelled when the grain goes away: the I/O it started has no one to report to.</summary>
    protected CancellationToken Deactivating => _deactivating.Token;

    /// <summary>
    /// The state is written once per block, just after the close rather than inside it: the site's tick
    /// waits for no device write (the samples themselves are kept in the block record).
    /// </summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_unsaved && !cancellationToken.IsCancellationRequested)
        {
            // Cleared before the write, so a reading that lands during it is saved next time; set again on failure
            // (storage lost), so the next block's close tries again.
            _unsaved = false;
            if (!await state.TryWriteAsync(this, logger, $"device {this.GetPrimaryKeyString()}"))
            {
                _unsaved = true;
            }
        }
    }

    public Task<DeviceStatus> GetStatusAsync()
    {
        var (health, reason) = Health(clock.Now);
        BitGridMetrics.DeviceHealth(_definition.Id, health);
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
        // A device that only pushes slow signals (an hourly tariff) is silent by design until they age out.
        var expected = _definition.Channel == TelemetryChannel.Pushed && _definition.PushedSignals.Count > 0
            ? _definition.PushedSignals.Max(_freshness.MaxAge)
            : _freshness.DefaultMaxAge;
        if (silent > expected)
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
            BitGridMetrics.SampleRejected(_definition.Id);
            Count($"{Name(sample.Signal)}:{verdict}");
            return;
        }
        BitGridMetrics.SampleAccepted(_definition.Id);
        if (state.State.WindowClosedAt is { } closed && sample.At < closed)
        {
            _lateSamples++;
        }
        _window[sample.Signal] = (_window.TryGetValue(sample.Signal, out var w) ? w : SignalWindow.Empty(sample.Signal)).Add(sample.Value, sample.At);
        // A stored reading or contact stamped beyond the tolerance ahead of the clock counts for nothing (see Fresh);
        // it must not hold off what the device says now either.
        var latestKey = SignalInfo.Name(sample.Signal);
        if (!state.State.Latest.TryGetValue(latestKey, out var latest) || sample.At >= latest.At || AheadOf(latest.At, now))
        {
            state.State.Latest[latestKey] = sample;
        }
        state.State.Accepted++;
        if (state.State.LastContact is not { } contact || sample.At > contact || AheadOf(contact, now))
        {
            state.State.LastContact = sample.At;
        }
    }

    private static bool AheadOf(DateTimeOffset at, DateTimeOffset now) => at - now > SampleCheck.FutureTolerance;

    private void Count(string rejection) => state.State.Rejected[rejection] = state.State.Rejected.GetValueOrDefault(rejection) + 1;

    /// <summary>The poll timer: starts a poll outside the turn unless one is still out (a hung device is not asked twice).</summary>
    private Task PollTickAsync()
    {
        BitGridMetrics.DeviceHealth(_definition.Id, Health(clock.Now).Health); // for /metrics, which cannot ask a grain
        if (!_pollInFlight)
        {
            HandBackPoll(StartPoll());
        }
        return Task.CompletedTask;
    }

    /// <summary>Reads the device on the thread pool; never throws (every failure is in the outcome).</summary>
    private Task<(ImmutableArray<TelemetrySample> Samples, DeviceFailure? Failure)> StartPoll()
    {
        _pollInFlight = true;
        _pollNumber++;
        var id = this.GetPrimaryKeyString();
        var read = OffTurn.Run(() => port.ReadAsync(id, _deactivating.Token));
        return read.ContinueWith(
            t => t.IsCompletedSuccessfully ? ([.. t.Result], null) : (ImmutableArray<TelemetrySample>.Empty, DeviceFailure.From(t.Exception?.InnerException ?? new OperationCanceledException())),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void HandBackPoll(Task<(ImmutableArray<TelemetrySample> Samples, DeviceFailure? Failure)> poll)
    {
        var self = this.AsReference<IDeviceIoGrain>();
        var number = _pollNumber;
        OffTurn.HandBack(poll, (outcome, _) => self.PolledAsync(number, outcome.Samples, outcome.Failure), logger, this.GetPrimaryKeyString());
    }

    public Task PolledAsync(long poll, ImmutableArray<TelemetrySample> samples, DeviceFailure? failure) => ApplyPollAsync(poll, samples, failure);

    /// <summary>A poll's outcome, in a turn: its samples count as a read of the device; a failure is counted by kind.</summary>
    private async Task ApplyPollAsync(long poll, ImmutableArray<TelemetrySample> samples, DeviceFailure? failure)
    {
        if (poll == _pollNumber)
        {
            _pollInFlight = false;
        }
        if (failure is null)
        {
            var now = clock.Now;
            foreach (var sample in samples)
            {
                Accept(sample, now);
            }
            _pollFailures = 0;
            if (samples.Length > 0)
            {
                await OnSamplesAcceptedAsync(now); // an empty reply changes nothing the watchdog does not already see
            }
            return;
        }
        // Waiting out a backoff is not a new failure of the device, nor is our own cancellation.
        if (failure.Kind is "backoff" or DeviceFailure.Cancelled)
        {
            return;
        }
        state.State.PollFailures[failure.Kind] = state.State.PollFailures.GetValueOrDefault(failure.Kind) + 1;
        _lastPollFailure = $"{failure.Kind}: {failure.Message}";
        _unsaved = true;
        // Logged on the first failure and then every 60th, so a dead device does not flood the log.
        if (_pollFailures++ % 60 == 0)
        {
            Log.DeviceUnreachable(logger, this.GetPrimaryKeyString(), failure.Message, _pollFailures);
        }
    }

    private static string Name(Signal signal) => SignalInfo.IsDefined(signal) ? SignalInfo.Name(signal) : $"signal_{(int)signal}";
}
