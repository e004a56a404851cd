using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Silo.Api;

/// <summary>Marks an endpoint as a control request: every call of it, accepted or refused, is written to the event log.</summary>
internal sealed record ControlRoute;

/// <summary>
/// Writes each control request to the site's event log with its token's name and the answer's status — refusals
/// (bad input, missing or weak token, rate limit, lockout) as well as what was done. One-way into the recorder: a
/// log that cannot be written never holds up control.
/// </summary>
internal sealed class ControlAudit(RequestDelegate next, IGrainFactory grains, SiteClock clock, SiteDefinition site)
{
    /// <summary>Where an answer leaves its detail for the audit (a problem's detail, or what was done).</summary>
    public const string DetailKey = "bitgrid.control.detail";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ControlRoute>() is null)
        {
            await next(context);
            return;
        }
        try
        {
            await next(context);
        }
        finally
        {
            var caller = Caller.Of(context.User);
            var status = context.Response.StatusCode;
            var body = new ControlBody(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                caller?.Name,
                caller is null ? null : Storage.Access.ApiRoles.Name(caller.Role),
                status,
                status is >= 200 and < 300,
                context.Items.TryGetValue(DetailKey, out var detail) ? detail as string : null);
            await grains.GetGrain<IRecorderGrain>(site.Id).RecordAsync(LogEntries.Of(site.Id, clock.Now, body));
        }
    }
}
