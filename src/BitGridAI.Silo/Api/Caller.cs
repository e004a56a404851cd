using System.Security.Claims;
using BitGridAI.Storage.Access;

namespace BitGridAI.Silo.Api;

/// <summary>Who asks: a token's name and role (the dashboard and Home Assistant act under a name of their own too).</summary>
public sealed record Caller(string Name, ApiRole Role)
{
    /// <summary>The authenticated token behind a request, or null without one.</summary>
    public static Caller? Of(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.Name) is { } name && ApiRoles.Parse(user.FindFirstValue(ClaimTypes.Role)) is { } role
            ? new Caller(name, role)
            : null;
}
