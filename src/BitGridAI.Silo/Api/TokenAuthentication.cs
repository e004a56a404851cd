using System.Security.Claims;
using System.Text.Encodings.Web;
using BitGridAI.Storage.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BitGridAI.Silo.Api;

/// <summary>
/// Bearer tokens from <c>access.db</c> (only their SHA-256 is stored): <c>Authorization: Bearer bgt_…</c>, or the
/// <c>access_token</c> query parameter where a browser cannot set headers (the WebSocket stream). Missing, unknown,
/// malformed or revoked → 401; known but without the role → 403; both as Problem Details.
/// </summary>
internal sealed class TokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenStore tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var token = tokens.Find(presented);
        if (token is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("the token is unknown or revoked"));
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, token.Name), new Claim(ClaimTypes.Role, ApiRoles.Name(token.Role))], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var detail = Presented(Request) is null
            ? "no token: send 'Authorization: Bearer <token>' (bitgrid token create --role viewer makes one)"
            : "the token is unknown, malformed or revoked";
        return Problems.Write(Context, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = Context.GetEndpoint()?.Metadata.GetMetadata<RoleNeeded>()?.Role;
        var held = Caller.Of(Context.User);
        var detail = needed is { } role && held is not null
            ? $"token '{held.Name}' is {ApiRoles.Name(held.Role)}; this needs {ApiRoles.Name(role)}"
            : "the token lacks the role this needs";
        return Problems.Write(Context, StatusCodes.Status403Forbidden, "Forbidden", detail);
    }

    internal static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }
        // Only where a browser cannot send a header (the WebSocket stream): a token in a URL ends up in histories and logs.
        return request.Path.StartsWithSegments("/api/v1/stream", StringComparison.Ordinal)
            && request.Query.TryGetValue("access_token", out var query) && query.Count == 1 ? query[0] : null;
    }
}

/// <summary>The role an endpoint needs; read by the forbidden answer to say which.</summary>
internal sealed record RoleNeeded(ApiRole Role);

/// <summary>The three authorization policies, one per role; roles nest (admin ⊃ operator ⊃ viewer).</summary>
internal static class ApiPolicies
{
    public static string Of(ApiRole role) => ApiRoles.Name(role);

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        foreach (var role in Enum.GetValues<ApiRole>())
        {
            options.AddPolicy(Of(role), policy => policy
                .AddAuthenticationSchemes(TokenAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => Caller.Of(context.User) is { } caller && caller.Role.Allows(role)));
        }
    }
}
