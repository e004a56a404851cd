using System.Globalization;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Silo.Api;
using BitGridAI.Silo.Control;
using BitGridAI.Storage.Access;

namespace BitGridAI.Silo.Dashboard;

/// <summary>
/// What a person does on the dashboard, checked like the API checks it (role, input) and written to the event log
/// like an API control request: accepted or refused, with the token's name, under the method <c>DASHBOARD</c>.
/// A hidden or disabled button is no protection on its own, so every action checks the role again here.
/// </summary>
internal sealed class DashboardActions(SiteControl control, DashboardSession session, IGrainFactory grains, SiteClock clock, ApiRateLimits limits)
{
    public const string AuditMethod = "DASHBOARD";

    /// <summary>The longest override the site allows, in minutes (max_override_min).</summary>
    public double MaxOverrideMin => control.Site.Engine.MaxOverrideMin;

    public async Task<ActionOutcome> SetOverrideAsync(string action, double durationMin, string? reason, string? miner)
    {
        const string name = "override";
        if (await RefusedAsync(name, ApiRateLimits.Override) is { } refused)
        {
            return refused;
        }
        var max = MaxOverrideMin;
        string? invalid = action is not ("START" or "THROTTLE" or "STOP") ? $"action: must be START, THROTTLE or STOP (got '{action}')"
            : !double.IsFinite(durationMin) || durationMin < 1 || durationMin > max ? $"duration_min: must be from 1 to max_override_min = {max.ToString(CultureInfo.InvariantCulture)}"
            : reason is { Length: > 500 } ? "reason: may be at most 500 characters"
            : miner is not null && control.Site.Miners.All(m => m.Id != miner) ? $"miner: the site has no miner '{miner}'"
            : null;
        if (invalid is not null)
        {
            return await AuditAsync(name, StatusCodes.Status400BadRequest, invalid);
        }
        var result = await control.SetOverrideAsync(session.Caller!, action, durationMin, reason, miner);
        if (!result.Accepted)
        {
            var status = result.Refusal == OverrideResult.Lockout ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return await AuditAsync(name, status, result.Error ?? "refused");
        }
        return await AuditAsync(name, StatusCodes.Status201Created,
            $"{result.Active!.Action} until {result.Active.ExpiresAt:O}{(miner is null ? "" : $" on {miner}")}: {reason}");
    }

    public async Task<ActionOutcome> ClearOverrideAsync(string? miner)
    {
        const string name = "override-clear";
        if (await RefusedAsync(name, ApiRateLimits.Override) is { } refused)
        {
            return refused;
        }
        await control.ClearOverrideAsync(session.Caller!, miner);
        return await AuditAsync(name, StatusCodes.Status204NoContent, miner is null ? "cleared" : $"cleared on {miner}");
    }

    public async Task<ActionOutcome> SetAutonomyAsync(string autonomy)
    {
        const string name = "autonomy";
        if (await RefusedAsync(name, ApiRateLimits.Control) is { } refused)
        {
            return refused;
        }
        if (autonomy is not ("FULL" or "SEMI" or "MANUAL"))
        {
            return await AuditAsync(name, StatusCodes.Status400BadRequest, $"autonomy: must be FULL, SEMI or MANUAL (got '{autonomy}')");
        }
        var now = await control.SetAutonomyAsync(session.Caller!, autonomy);
        return await AuditAsync(name, StatusCodes.Status200OK, $"autonomy {now}");
    }

    public async Task<ActionOutcome> EmergencyStopAsync()
    {
        const string name = "emergency-stop";
        if (await RefusedAsync(name) is { } refused)
        {
            return refused;
        }
        await control.EmergencyStopAsync(session.Caller!);
        return await AuditAsync(name, StatusCodes.Status202Accepted, "emergency stop: pressed on the dashboard");
    }

    public async Task<ActionOutcome> AcknowledgeEmergencyStopAsync()
    {
        const string name = "emergency-stop-ack";
        if (await RefusedAsync(name, ApiRateLimits.Control) is { } refused)
        {
            return refused;
        }
        var site = await control.GetSiteAsync();
        if (site.Miners.All(m => !m.EmergencyStop))
        {
            return await AuditAsync(name, StatusCodes.Status409Conflict, "no miner is held by an emergency stop");
        }
        await control.AcknowledgeEmergencyStopAsync(session.Caller!);
        return await AuditAsync(name, StatusCodes.Status200OK, "emergency stop acknowledged");
    }

    /// <summary>
    /// The refusal when nobody is logged in, the token was revoked or expired meanwhile, it is only a viewer's, or it
    /// has used up its control writes of the minute (counted with its API requests); else null.
    /// </summary>
    private async Task<ActionOutcome?> RefusedAsync(string action, string? limit = null)
    {
        if (!session.StillValid())
        {
            return await AuditAsync(action, StatusCodes.Status401Unauthorized, "not logged in, or the token was revoked or expired");
        }
        if (!session.CanControl)
        {
            return await AuditAsync(action, StatusCodes.Status403Forbidden,
                $"token '{session.Caller!.Name}' is {ApiRoles.Name(session.Caller.Role)}; this needs operator");
        }
        return limit is not null && limits.Refusal(limit, session.Caller!.Name) is { } wait
            ? await AuditAsync(action, StatusCodes.Status429TooManyRequests,
                $"this token may send {limits.PerMinute(limit)} of these per minute; retry in {ApiRateLimits.Seconds(wait)} s")
            : null;
    }

    private async Task<ActionOutcome> AuditAsync(string action, int status, string detail)
    {
        var caller = session.Caller;
        var accepted = status is >= 200 and < 300;
        var body = new ControlBody(AuditMethod, action, caller?.Name, caller is null ? null : ApiRoles.Name(caller.Role), status, accepted, detail);
        await grains.GetGrain<IRecorderGrain>(control.Site.Id).RecordAsync(LogEntries.Of(control.Site.Id, clock.Now, body));
        return new ActionOutcome(accepted, detail);
    }
}
