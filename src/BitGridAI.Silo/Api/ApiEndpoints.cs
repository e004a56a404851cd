using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Kpis;
using BitGridAI.Domain.Time;
using BitGridAI.Explain;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Silo.Control;
using BitGridAI.Storage.Access;
using BitGridAI.Storage.EventLog;
using BitGridAI.Storage.Export;
using BitGridAI.Silo.Hosting;

namespace BitGridAI.Silo.Api;

/// <summary>The routes of API.md (v1). Handlers are thin: parse and check, call <see cref="SiteControl"/>, shape the answer.</summary>
internal static class ApiEndpoints
{
    public static void MapBitGridApi(this WebApplication app)
    {
        app.MapGet("/health", async (SiteControl control) =>
        {
            try
            {
                var site = await control.GetSiteAsync().WaitAsync(TimeSpan.FromSeconds(5));
                return Results.Json(new { site.Health.Status, site.Health.Checks }, JsonBody.Options);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                return Results.Json(new { Status = "error", Checks = new Dictionary<string, string> { ["site"] = $"error: {e.Message}" } },
                    JsonBody.Options, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).WithName("health").WithTags("health").AllowAnonymous();

        var api = app.MapGroup("/api/v1").WithTags("v1");
        var viewer = api.MapGroup("").RequireAuthorization(ApiPolicies.Of(ApiRole.Viewer)).WithMetadata(new RoleNeeded(ApiRole.Viewer));
        var operate = api.MapGroup("").RequireAuthorization(ApiPolicies.Of(ApiRole.Operator)).WithMetadata(new RoleNeeded(ApiRole.Operator), new ControlRoute());
        var admin = api.MapGroup("").RequireAuthorization(ApiPolicies.Of(ApiRole.Admin)).WithMetadata(new RoleNeeded(ApiRole.Admin), new ControlRoute());

        viewer.MapGet("/site", async (SiteControl control) => Results.Json(await control.GetSiteAsync(), JsonBody.Options))
            .WithName("site").Produces<SiteView>();

        viewer.MapGet("/decisions", async (SiteControl control, HttpRequest request) =>
        {
            var limit = 50;
            if (request.Query.TryGetValue("limit", out var text) && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 1000))
            {
                return Problems.Validation("limit", $"must be a whole number from 1 to 1000 (got '{text}')");
            }
            return Results.Json(await control.GetDecisionsAsync(limit), JsonBody.Options);
        }).WithName("decisions").Produces<IReadOnlyList<DecisionSummary>>();

        viewer.MapGet("/decisions/{blockId}", async (string blockId, SiteControl control, HttpRequest request) =>
        {
            if (!TryBlock(blockId, out var block))
            {
                return Problems.Validation("blockId", $"must be a block start like 2026-06-21T12:10:00Z, on a 10-minute boundary (got '{blockId}')");
            }
            var lang = request.Query["lang"].ToString();
            var persona = request.Query["persona"].ToString();
            if (lang is not ("" or "en" or "de"))
            {
                return Problems.Validation("lang", $"must be en or de (got '{lang}')");
            }
            if (persona is not ("" or "energy" or "heat" or "tech"))
            {
                return Problems.Validation("persona", $"must be energy, heat or tech (got '{persona}')");
            }
            var options = ExplainOptions.Parse(lang, persona);
            var view = await control.GetBlockAsync(BlockClock.IdOf(block), options.Language, options.Persona);
            return view is null
                ? Problems.Result(StatusCodes.Status404NotFound, "Not found", $"no decision is kept for block {blockId}")
                : Results.Json(view, JsonBody.Options);
        }).WithName("block").Produces<BlockView>();

        operate.MapPost("/override", async (SiteControl control, HttpContext context) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<OverrideRequestBody>(context.Request);
            if (problem is not null)
            {
                return problem;
            }
            var caller = Caller.Of(context.User)!;
            if (body!.Reason is { Length: > 500 })
            {
                return Problems.Validation("reason", "may be at most 500 characters");
            }
            if (!double.IsFinite(body.DurationMin) || body.DurationMin < 1 || body.DurationMin > control.Site.Engine.MaxOverrideMin)
            {
                return Problems.Validation("duration_min", $"must be from 1 to max_override_min = {control.Site.Engine.MaxOverrideMin} (got {body.DurationMin.ToString(CultureInfo.InvariantCulture)})");
            }
            var result = await control.SetOverrideAsync(caller, body.Action, body.DurationMin, body.Reason, body.Miner);
            if (!result.Accepted)
            {
                return result.Refusal == OverrideResult.Lockout
                    ? Problems.Result(StatusCodes.Status409Conflict, "Safety lockout", result.Error!)
                    : Problems.Validation(FieldOf(result.Error!), result.Error!);
            }
            context.Items[ControlAudit.DetailKey] = $"{result.Active!.Action} until {result.Active.ExpiresAt:O}{(body.Miner is null ? "" : $" on {body.Miner}")}: {body.Reason}";
            return Results.Json(SiteControl.View(result.Active, control.Now), JsonBody.Options, statusCode: StatusCodes.Status201Created);
        }).WithName("override-set").Accepts<OverrideRequestBody>("application/json").Produces<OverrideView>(StatusCodes.Status201Created).AddEndpointFilter(ApiRateLimits.Filter(ApiRateLimits.Override));

        operate.MapDelete("/override", async (SiteControl control, HttpContext context) =>
        {
            var miner = context.Request.Query["miner"].ToString() is { Length: > 0 } m ? m : null;
            if (miner is not null && control.Site.Miners.All(x => x.Id != miner))
            {
                return Problems.Validation("miner", $"the site has no miner '{miner}'");
            }
            await control.ClearOverrideAsync(Caller.Of(context.User)!, miner);
            context.Items[ControlAudit.DetailKey] = miner is null ? "cleared" : $"cleared on {miner}";
            return Results.NoContent();
        }).WithName("override-clear").AddEndpointFilter(ApiRateLimits.Filter(ApiRateLimits.Override));

        viewer.MapGet("/autonomy", async (SiteControl control) => Results.Json(new { Autonomy = await control.GetAutonomyAsync() }, JsonBody.Options))
            .WithName("autonomy");

        operate.MapPut("/autonomy", async (SiteControl control, HttpContext context) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<AutonomyRequestBody>(context.Request);
            if (problem is not null)
            {
                return problem;
            }
            if (body!.Autonomy is not ("FULL" or "SEMI" or "MANUAL"))
            {
                return Problems.Validation("autonomy", $"must be FULL, SEMI or MANUAL (got '{body.Autonomy}')");
            }
            var now = await control.SetAutonomyAsync(Caller.Of(context.User)!, body.Autonomy);
            context.Items[ControlAudit.DetailKey] = $"autonomy {now}";
            return Results.Json(new { Autonomy = now }, JsonBody.Options);
        }).WithName("autonomy-set").Accepts<AutonomyRequestBody>("application/json").AddEndpointFilter(ApiRateLimits.Filter(ApiRateLimits.Control));

        operate.MapPost("/emergency-stop", async (SiteControl control, HttpContext context) =>
        {
            var (body, problem) = await JsonBody.ReadAsync(context.Request, new EmergencyStopRequestBody());
            if (problem is not null)
            {
                return problem;
            }
            await control.EmergencyStopAsync(Caller.Of(context.User)!);
            context.Items[ControlAudit.DetailKey] = $"emergency stop: {body!.Reason ?? "no reason given"}";
            var site = await control.GetSiteAsync();
            return Results.Json(new { Accepted = true, site.Miners }, JsonBody.Options, statusCode: StatusCodes.Status202Accepted);
        }).WithName("emergency-stop").Accepts<EmergencyStopRequestBody>("application/json"); // never rate limited: stopping is always allowed

        operate.MapPost("/emergency-stop/ack", async (SiteControl control, HttpContext context) =>
        {
            var held = (await control.GetSiteAsync()).Miners.Any(m => m.EmergencyStop);
            if (held)
            {
                await control.AcknowledgeEmergencyStopAsync(Caller.Of(context.User)!);
            }
            context.Items[ControlAudit.DetailKey] = held ? "emergency stop acknowledged" : "nothing to acknowledge: no miner was held";
            var site = await control.GetSiteAsync();
            return Results.Json(new { Acknowledged = held, site.Miners }, JsonBody.Options);
        }).WithName("emergency-stop-ack").AddEndpointFilter(ApiRateLimits.Filter(ApiRateLimits.Control));

        viewer.MapPost("/preview", async (SiteControl control, HttpContext context) =>
        {
            var (body, problem) = await JsonBody.ReadAsync(context.Request, new PreviewRequestBody());
            if (problem is not null)
            {
                return problem;
            }
            var (request, error) = PreviewOf(body!, control);
            return error ?? Results.Json(await control.PreviewAsync(request!), JsonBody.Options);
        }).WithName("preview").Accepts<PreviewRequestBody>("application/json").Produces<PreviewView>();

        viewer.MapGet("/kpis", (HttpRequest request, SiteHistory log, SiteControl control) =>
        {
            var from = Time(request, "from", out var fromError);
            var to = Time(request, "to", out var toError);
            if ((fromError ?? toError) is { } timeError)
            {
                return timeError;
            }
            if (from is { } f && to is { } t && t <= f)
            {
                return Problems.Validation("to", "must be after from");
            }
            var period = request.Query["period"].ToString();
            if (period is not ("" or "day" or "block"))
            {
                return Problems.Validation("period", $"must be block or day (got '{period}')");
            }
            // Without a start, the last 31 days (2 for blocks) before the end: a viewer never makes the silo read years by accident.
            from ??= (to ?? control.Now) - TimeSpan.FromDays(period == "block" ? 2 : 31);
            var history = log.Load(from, to);
            var (rows, total) = KpiPeriods.Sum(history, period == "block");
            return Results.Json(new
            {
                Period = period is "" ? "day" : period,
                From = from,
                To = to,
                Rows = rows.Select(r => KpiRow.Of(r.Period, r.Kpis)),
                Total = KpiRow.Of("total", total),
                history.SkippedRecords,
            }, JsonBody.Options);
        }).WithName("kpis");

        admin.MapPost("/export", async (HttpContext context, EventLogStore log, SiteHistory history, ApiExports exports) =>
        {
            if (history.InCluster)
            {
                // The export reads and extends one silo's events.db; a cluster's sites log to PostgreSQL. Refused
                // rather than answered with an export that silently misses the site's records.
                return Problems.Result(StatusCodes.Status409Conflict, "Research export is not available in cluster mode",
                    "in cluster mode each site's event log is in PostgreSQL; the research export reads a standalone silo's events.db");
            }
            var (body, problem) = await JsonBody.ReadAsync(context.Request, new ExportRequestBody());
            if (problem is not null)
            {
                return problem;
            }
            if (body!.From is { } f && body.To is { } t && t <= f)
            {
                return Problems.Validation("to", "must be after from");
            }
            try
            {
                var result = await ResearchExport.RunAsync(log, new ExportRequest(exports.Directory, body.From, body.To, body.Anonymise, Caller.Of(context.User)!.Name), exports.SiteTime);
                context.Items[ControlAudit.DetailKey] = $"export {result.Directory}";
                return Results.Json(new { result.Directory, ManifestSha256 = result.ManifestSha256, result.Manifest }, JsonBody.Options, statusCode: StatusCodes.Status202Accepted);
            }
            catch (ResearchDisabledException e)
            {
                return Problems.Result(StatusCodes.Status409Conflict, "Research export is off", e.Message);
            }
        }).WithName("export").Accepts<ExportRequestBody>("application/json").AddEndpointFilter(ApiRateLimits.Filter(ApiRateLimits.Control));

        // Browsers cannot set headers on a WebSocket: the token may come as ?access_token=.
        viewer.Map("/stream", (HttpContext context, LiveStream stream) => stream.ServeAsync(context)).WithName("stream");

        viewer.MapGet("/grains", async (GrainInspector inspector) => Results.Json(await inspector.ListAsync(), JsonBody.Options)).WithName("grains");

        viewer.MapGet("/grains/{type}/{**key}", async (string type, string key, GrainInspector inspector) =>
        {
            if (!GrainInspector.Types.Contains(type))
            {
                return Problems.Result(StatusCodes.Status404NotFound, "Not found", $"no grain type '{type}' (known: {string.Join(", ", GrainInspector.Types)})");
            }
            return await inspector.StateAsync(type, key) is { } state
                ? Results.Json(new { Type = type, Key = key, State = state }, JsonBody.Options)
                : Problems.Result(StatusCodes.Status404NotFound, "Not found", $"no {type} grain '{key}' at this site");
        }).WithName("grain");
    }

    private static bool TryBlock(string blockId, out long block)
    {
        block = 0;
        if (!DateTimeOffset.TryParseExact(blockId, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
        {
            return false;
        }
        block = BlockClock.IndexOf(start);
        return BlockClock.StartOf(block) == start;
    }

    private static DateTimeOffset? Time(HttpRequest request, string name, out IResult? error)
    {
        error = null;
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }
        error = Problems.Validation(name, $"must be an ISO 8601 time (got '{text}')");
        return null;
    }

    /// <summary>The field an override refusal names ("duration_min: …", "miner: …"), else "action".</summary>
    private static string FieldOf(string error) => error.IndexOf(':', StringComparison.Ordinal) is var i and > 0 && !error[..i].Contains(' ', StringComparison.Ordinal)
        ? error[..i]
        : "action";

    /// <summary>The preview's thresholds checked key by key and together (ConfigValidator), and its override.</summary>
    private static (PreviewRequest? Request, IResult? Error) PreviewOf(PreviewRequestBody body, SiteControl control)
    {
        var changes = ImmutableDictionary.CreateBuilder<string, double?>();
        string? failSafe = null;
        var config = control.Site.Engine;
        foreach (var (name, value) in body.Config ?? [])
        {
            if (name == ConfigKeys.DataFailSafeName)
            {
                if (value.ValueKind != JsonValueKind.String || !ConfigKeys.TryParseDataFailSafe(value.GetString(), out var parsed))
                {
                    return (null, Problems.Validation($"config.{name}", "must be \"stop\" or \"hold\""));
                }
                failSafe = value.GetString();
                config = config with { DataFailSafe = parsed };
                continue;
            }
            if (ConfigKeys.Find(name) is not { } key)
            {
                return (null, Problems.Validation($"config.{name}", $"is not an engine key (known: {string.Join(", ", ConfigKeys.AllNames)})"));
            }
            double? number = value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number when value.TryGetDouble(out var d) => d,
                _ => double.NaN,
            };
            if (number is double.NaN || key.Check(number) is not null)
            {
                return (null, Problems.Validation($"config.{name}", key.Check(number is double.NaN ? double.NaN : number) ?? $"must be {key.RangeText}"));
            }
            changes[name] = number;
            config = key.With(config, number);
        }
        if (ConfigValidator.Validate(config) is { Count: > 0 } errors)
        {
            return (null, Problems.Result(StatusCodes.Status400BadRequest, "Invalid request", string.Join("; ", errors.Select(e => e.ToString())),
                errors.GroupBy(e => $"config.{e.Key}").ToDictionary(g => g.Key, g => g.Select(e => e.ToString()).ToArray())));
        }
        var overrides = ImmutableArray<ActiveOverride>.Empty;
        if (body.Override is { } o)
        {
            if (o.Action is not ("START" or "THROTTLE" or "STOP"))
            {
                return (null, Problems.Validation("override.action", $"must be START, THROTTLE or STOP (got '{o.Action}')"));
            }
            if (!double.IsFinite(o.DurationMin) || o.DurationMin < 1 || o.DurationMin > config.MaxOverrideMin)
            {
                return (null, Problems.Validation("override.duration_min", $"must be from 1 to max_override_min = {config.MaxOverrideMin}"));
            }
            if (o.Miner is not null && control.Site.Miners.All(m => m.Id != o.Miner))
            {
                return (null, Problems.Validation("override.miner", $"the site has no miner '{o.Miner}'"));
            }
            overrides = [new ActiveOverride(o.Action, control.Now.AddMinutes(o.DurationMin), "preview") { MinerId = o.Miner }];
        }
        return (new PreviewRequest(changes.ToImmutable(), failSafe, overrides), null);
    }
}

/// <summary>Where exports through the API are written: <c>{data}/exports</c>, which the mirror also sends.</summary>
/// <remarks>Exports run on site time: the log is stamped in it (an accelerated clock under <c>--speed</c>).</remarks>
internal sealed record ApiExports(string Directory, TimeProvider SiteTime);

/// <summary>One KPI row as the API returns it (docs/kpis.md); null = not measured, <c>partial</c> names quantities measured in only some blocks.</summary>
internal sealed record KpiRow(
    string Period, int Blocks, double? PvKwh, double? HouseKwh, double? ImportKwh, double? ExportKwh, double? MinerKwh, double? HeatKwh,
    double? SelfConsumption, double? Autarky, double? Sats, double? SatsPerKwh, double? ExportValueEur, double? MiningValueEur,
    int ActuatorChanges, int ThermalStops, int OverridesAccepted, int OverridesRefused, double? LatencyMeanS, double? LatencyMaxS,
    IReadOnlyList<string> Partial)
{
    /// <summary>The feed-in tariff in sats per kWh, to compare with <see cref="SatsPerKwh"/> (docs/energy-path.md).</summary>
    public double? FeedInSatsPerKwh { get; init; }

    public static KpiRow Of(string period, KpiTotals k) => new(
        period, k.Blocks, k.PvKwh, k.HouseKwh, k.ImportKwh, k.ExportKwh, k.MinerKwh, k.HeatKwh, k.SelfConsumption, k.Autarky, k.Sats,
        k.SatsPerKwh, k.ExportValueEur, k.MiningValueEur, k.ActuatorChanges, k.ThermalStops, k.OverridesAccepted, k.OverridesRefused,
        k.LatencyMeanSec, k.LatencyMaxSec, [.. k.PartialQuantities()])
    {
        FeedInSatsPerKwh = k.FeedInSatsPerKwh,
    };
}
