using System.Collections.Immutable;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Overrides;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;

namespace BitGridAI.Grains.Site;

/// <summary>A site's override: checked against max_override_min, persisted, expiring on site time, every request audited.</summary>
internal sealed class OverrideGrain(
    [PersistentState("override", "bitgrid")] IPersistentState<OverrideGrainState> state,
    SiteClock clock,
    ISiteCatalog catalog) : Grain, IOverrideGrain
{
    /// <summary>The audit keeps this many requests; older ones go (the recorder's event log keeps them all).</summary>
    private const int AuditKept = 1000;

    public async Task<OverrideResult> SetAsync(string action, double durationMin, string requestedBy)
    {
        var now = clock.Now;
        var config = catalog.Get(this.GetPrimaryKeyString()).Engine;
        var parsed = DecisionText.ParseActuator(action);
        var (created, error) = OverrideRequest.Create(parsed, durationMin, now, config);
        var active = error is null ? new ActiveOverride(DecisionText.Of(parsed)!, created.ExpiresAt!.Value, requestedBy) : null;
        if (active is not null)
        {
            state.State.Active = active;
        }
        await AuditAsync(now, $"set {action} for {durationMin} min", requestedBy, error);
        Record(now, new OverrideBody("set", DecisionText.Of(parsed) ?? action, durationMin, requestedBy, error is null, error, active?.ExpiresAt));
        return new OverrideResult(error is null, error, active ?? Current(now));
    }

    public async Task<OverrideResult> ClearAsync(string requestedBy)
    {
        var now = clock.Now;
        state.State.Active = null;
        await AuditAsync(now, "clear", requestedBy, null);
        Record(now, new OverrideBody("clear", null, null, requestedBy, true, null, null));
        return new OverrideResult(true, null, null);
    }

    public Task<ActiveOverride?> GetActiveAsync() => Task.FromResult(Current(clock.Now));

    public Task<ImmutableArray<OverrideAuditEntry>> GetAuditAsync() => Task.FromResult(state.State.Audit.ToImmutableArray());

    private ActiveOverride? Current(DateTimeOffset now) => state.State.Active is { } active && now < active.ExpiresAt ? active : null;

    /// <summary>Into the event log, one-way: an override never waits for (or fails on) the log.</summary>
    private void Record(DateTimeOffset now, OverrideBody body) =>
        GrainFactory.GetGrain<IRecorderGrain>(this.GetPrimaryKeyString()).RecordAsync(LogEntries.Of(this.GetPrimaryKeyString(), now, body)).Ignore();

    private async Task AuditAsync(DateTimeOffset now, string request, string requestedBy, string? error)
    {
        state.State.Audit.Add(new OverrideAuditEntry(now, request, requestedBy, error is null, error));
        if (state.State.Audit.Count > AuditKept)
        {
            state.State.Audit.RemoveRange(0, state.State.Audit.Count - AuditKept);
        }
        await state.WriteStateAsync();
    }
}
