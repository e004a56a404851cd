using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace BitGridAI.Silo.Api;

/// <summary>Control writes are limited per token (API.md: overrides 10 per minute); the 11th gets 429 with Retry-After.</summary>
internal static class ApiRateLimits
{
    public const string Override = "override";
    public const string Control = "control";

    public static void Add(RateLimiterOptions limiter, ApiOptions options)
    {
        limiter.AddPolicy(Override, context => PerToken(context, options.OverridesPerMinute));
        limiter.AddPolicy(Control, context => PerToken(context, options.ControlWritesPerMinute));
        limiter.OnRejected = async (rejected, cancellation) =>
        {
            var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
            var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
            rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Problems.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                $"this token may send {(IsOverride(rejected.HttpContext) ? options.OverridesPerMinute : options.ControlWritesPerMinute)} of these per minute; retry in {seconds} s");
        };
    }

    private static bool IsOverride(HttpContext context) => context.Request.Path.StartsWithSegments("/api/v1/override", StringComparison.Ordinal);

    private static RateLimitPartition<string> PerToken(HttpContext context, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(Caller.Of(context.User)?.Name ?? "", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
