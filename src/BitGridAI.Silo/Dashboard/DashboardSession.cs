using BitGridAI.Explain;
using BitGridAI.Grains.Hosting;
using BitGridAI.Silo.Api;
using BitGridAI.Storage.Access;
using Microsoft.Extensions.Options;

namespace BitGridAI.Silo.Dashboard;

/// <summary>
/// One browser tab's dashboard (one Blazor circuit): who logged in with which token, and the language and persona
/// they read in. The token itself is not kept here, only the <see cref="Caller"/> it stands for.
/// </summary>
internal sealed class DashboardSession(TokenStore tokens, IOptions<ExplanationOptions> explain)
{
    private readonly ExplainOptions _defaults = ExplainOptions.Parse(explain.Value.Language, explain.Value.Persona);
    private Language? _language;
    private Persona? _persona;
    private ApiToken? _token;

    /// <summary>Raised when the login, the language or the persona changes.</summary>
    public event Action? Changed;

    /// <summary>The logged-in token's name and role; null before login.</summary>
    public Caller? Caller { get; private set; }

    public Language Language => _language ?? _defaults.Language;

    /// <summary>The persona explanations are written for (the silo's Explain:Persona until changed).</summary>
    public Persona Persona => _persona ?? _defaults.Persona;

    public UiText Text => UiText.For(Language);

    /// <summary>Operators and admins may set overrides, autonomy and the emergency stop; viewers only look.</summary>
    public bool CanControl => Caller?.Role.Allows(ApiRole.Operator) == true;

    /// <summary>Logs in with an API token (bitgrid token create makes one); false when it is unknown or revoked.</summary>
    public bool LogIn(string? token)
    {
        if (tokens.Find(token?.Trim()) is not { } found)
        {
            return false;
        }
        _token = found;
        Caller = new Caller(found.Name, found.Role);
        Changed?.Invoke();
        return true;
    }

    public void LogOut()
    {
        _token = null;
        Caller = null;
        Changed?.Invoke();
    }

    /// <summary>
    /// Whether the logged-in token is still live: a token revoked while its tab is open may no longer control
    /// anything, and that tab is logged out.
    /// </summary>
    public bool StillValid()
    {
        if (_token is not { } held)
        {
            return false;
        }
        if (tokens.List().Any(t => t.Name == held.Name && t.CreatedAt == held.CreatedAt && t.Role == held.Role && t.RevokedAt is null
            && !(t.ExpiresAt <= DateTimeOffset.UtcNow)))
        {
            return true;
        }
        LogOut();
        return false;
    }

    public void Use(Language language)
    {
        _language = language;
        Changed?.Invoke();
    }

    public void Use(Persona persona)
    {
        _persona = persona;
        Changed?.Invoke();
    }
}
