using System.Collections.Immutable;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Overrides;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;

namespace BitGridAI.Grains.Site;

/// <summary>
/// A site's overrides — one for all miners and one per miner: checked against max_override_min and the miners'
/// safety lockouts, persisted, expiring on site time, every request audited.
/// </summary>
internal sealed class OverrideGrain(
    [PersistentState("override", "bitgrid")] IPersistentState<OverrideGrainState> state,
    SiteClock clock,
    ISiteCatalog catalog) : Grain, IOverrideGrain
{
    /// <summary>The audit keeps this many requests; older ones go (the recorder's event log keeps them all).</summary>
    private const int AuditKept = 1000;

    private string SiteId => this.GetPrimaryKeyString();

    public async Task<OverrideResult> SetAsync(string action, double durationMin, string requestedBy, string? minerId = null, string? reason = null)
    {
        var now = clock.Now;
        var site = catalog.Get(SiteId);
        var parsed = DecisionText.ParseActuator(action);
        var (created, error) = OverrideRequest.Create(parsed, durationMin, now, site.Engine);
        var refusal = error is null ? null : OverrideResult.Invalid;
        if (error is null && minerId is not null && site.Miners.All(m => m.Id != minerId))
        {
            (error, refusal) = ($"miner: the site has no miner '{minerId}'", OverrideResult.Invalid);
        }
        // Running a miner that a safety lockout holds is refused outright (the engine would overrule it anyway);
        // a STOP is always allowed: stopping is always safe.
        if (error is null && parsed != ActuatorState.Stop && await LockedOutAsync(site, minerId) is { } locked)
        {
            (error, refusal) = ($"a safety lockout holds {locked}: {DecisionText.Of(parsed)} is refused until it is released", OverrideResult.Lockout);
        }
        var active = error is null ? new ActiveOverride(DecisionText.Of(parsed)!, created.ExpiresAt!.Value, requestedBy) { MinerId = minerId, Reason = reason } : null;
        if (active is not null)
        {
            if (minerId is null)
            {
                state.State.Active = active;
            }
            else
            {
                state.State.PerMiner[minerId] = active;
            }
        }
        BitGridMetrics.Override("set", error is null);
        var target = minerId is null ? "" : $" on {minerId}";
        await AuditAsync(now, $"set {action} for {durationMin} min{target}", requestedBy, error);
        Record(now, new OverrideBody("set", DecisionText.Of(parsed) ?? action, durationMin, requestedBy, error is null, error, active?.ExpiresAt) { MinerId = minerId, Comment = reason });
        return new OverrideResult(error is null, error, active ?? Current(now, minerId)) { Refusal = refusal };
    }

    public async Task<OverrideResult> ClearAsync(string requestedBy, string? minerId = null)
    {
        var now = clock.Now;
        if (minerId is null)
        {
            state.State.Active = null;
        }
        else
        {
            state.State.PerMiner.Remove(minerId);
        }
        BitGridMetrics.Override("clear", accepted: true);
        await AuditAsync(now, minerId is null ? "clear" : $"clear on {minerId}", requestedBy, null);
        Record(now, new OverrideBody("clear", null, null, requestedBy, true, null, null) { MinerId = minerId });
        return new OverrideResult(true, null, null);
    }

    public Task<ActiveOverride?> GetActiveAsync() => Task.FromResult(Current(clock.Now, null));

    public Task<ImmutableArray<ActiveOverride>> GetAllActiveAsync()
    {
        var now = clock.Now;
        return Task.FromResult<ImmutableArray<ActiveOverride>>([
            .. new[] { Current(now, null) }.OfType<ActiveOverride>(),
            .. state.State.PerMiner.Keys.Order(StringComparer.Ordinal).Select(id => Current(now, id)).OfType<ActiveOverride>()]);
    }

    public Task<ImmutableArray<OverrideAuditEntry>> GetAuditAsync() => Task.FromResult(state.State.Audit.ToImmutableArray());

    private ActiveOverride? Current(DateTimeOffset now, string? minerId)
    {
        var active = minerId is null ? state.State.Active : state.State.PerMiner.GetValueOrDefault(minerId);
        return active is not null && now < active.ExpiresAt ? active : null;
    }

    /// <summary>The first miner the override would be for whose safety lockout holds, or null.</summary>
    private async Task<string?> LockedOutAsync(SiteDefinition site, string? minerId)
    {
        var miners = site.Miners.Where(m => minerId is null || m.Id == minerId).ToList();
        var states = await Task.WhenAll(miners.Select(m => GrainFactory.GetGrain<IMinerGrain>(m.Id).GetMinerStateAsync()));
        return states.FirstOrDefault(s => s.LockoutActive || s.EmergencyStop)?.MinerId;
    }

    /// <summary>Into the event log, one-way: an override never waits for (or fails on) the log.</summary>
    private void Record(DateTimeOffset now, OverrideBody body) =>
        GrainFactory.GetGrain<IRecorderGrain>(SiteId).RecordAsync(LogEntries.Of(SiteId, now, body)).Ignore();

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
