namespace BitGridAI.Storage.Access;

/// <summary>What a token may do (API.md): viewer reads; operator also controls (overrides, autonomy, emergency stop); admin also manages tokens, export and the research toggle.</summary>
public enum ApiRole
{
    Viewer = 1,
    Operator = 2,
    Admin = 3,
}

public static class ApiRoles
{
    public static string Name(ApiRole role) => role.ToString().ToLowerInvariant();

    /// <summary>viewer, operator or admin (any case); anything else is null.</summary>
    public static ApiRole? Parse(string? text) => text?.ToLowerInvariant() switch
    {
        "viewer" => ApiRole.Viewer,
        "operator" => ApiRole.Operator,
        "admin" => ApiRole.Admin,
        _ => null,
    };

    /// <summary>Whether a token with <paramref name="held"/> may do what needs <paramref name="needed"/>: the roles nest.</summary>
    public static bool Allows(this ApiRole held, ApiRole needed) => held >= needed;
}
