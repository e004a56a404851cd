using System.Globalization;
using System.Threading.RateLimiting;

namespace BitGridAI.Silo.Api;

/// <summary>
/// Control writes per token (API.md: overrides 10 per minute, then 429 with Retry-After), one count whether they come
/// through the API or the dashboard. The emergency stop is never limited: stopping is always allowed.
/// </summary>
internal sealed class ApiRateLimits(ApiOptions options) : IDisposable
{
    public const string Override = "override";
    public const string Control = "control";

    private readonly PartitionedRateLimiter<(string Kind, string Token)> _limiter = PartitionedRateLimiter.Create<(string Kind, string Token), (string, string)>(
        key => RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
        {
            PermitLimit = k.Item1 == Override ? options.OverridesPerMinute : options.ControlWritesPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when <paramref name="token"/> may send one more of <paramref name="kind"/> now; else how long to wait.</summary>
    public TimeSpan? Refusal(string kind, string token)
    {
        using var lease = _limiter.AttemptAcquire((kind, token));
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
    }

    public int PerMinute(string kind) => kind == Override ? options.OverridesPerMinute : options.ControlWritesPerMinute;

    /// <summary>The whole seconds a refused caller is told to wait (Retry-After).</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>An endpoint filter: the limit for <paramref name="kind"/> before the handler runs, 429 + Retry-After past it.</summary>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Filter(string kind) => async (context, next) =>
    {
        var http = context.HttpContext;
        var limits = http.RequestServices.GetRequiredService<ApiRateLimits>();
        if (Caller.Of(http.User) is { } caller && limits.Refusal(kind, caller.Name) is { } wait)
        {
            http.Response.Headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);
            return Problems.Result(StatusCodes.Status429TooManyRequests, "Too many requests",
                $"this token may send {limits.PerMinute(kind)} of these per minute; retry in {Seconds(wait)} s");
        }
        return await next(context);
    };

    public void Dispose() => _limiter.Dispose();
}
