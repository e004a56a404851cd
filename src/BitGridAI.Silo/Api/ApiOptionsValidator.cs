using System.Net;
using Microsoft.Extensions.Options;

namespace BitGridAI.Silo.Api;

/// <summary>Stops the silo at start when <c>Api</c> is wrong, naming the key and what it must be.</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.AbsolutePath != "/")
        {
            errors.Add($"Api:Url: must be http://HOST:PORT or https://HOST:PORT (got '{options.Url}')");
        }
        else
        {
            if (url.Scheme == "https" && string.IsNullOrWhiteSpace(options.CertificatePath))
            {
                errors.Add("Api:CertificatePath: an https URL needs a certificate file (PFX, or PEM with Api:CertificateKeyPath)");
            }
            if (!string.IsNullOrWhiteSpace(options.CertificatePath) && !File.Exists(options.CertificatePath))
            {
                errors.Add($"Api:CertificatePath: no file '{options.CertificatePath}'");
            }
            if (!string.IsNullOrWhiteSpace(options.CertificateKeyPath) && !File.Exists(options.CertificateKeyPath))
            {
                errors.Add($"Api:CertificateKeyPath: no file '{options.CertificateKeyPath}'");
            }
            if (url.Scheme == "http" && !IsLoopback(url.Host) && !options.AllowPlainHttp)
            {
                errors.Add($"Api:Url: '{url.Host}' is reachable from the LAN: use https with Api:CertificatePath, or set Api:AllowPlainHttp=true to send tokens unencrypted");
            }
        }
        if (options.OverridesPerMinute is < 1 or > 10_000) errors.Add($"Api:OverridesPerMinute: must be 1 to 10000 (got {options.OverridesPerMinute})");
        if (options.ControlWritesPerMinute is < 1 or > 10_000) errors.Add($"Api:ControlWritesPerMinute: must be 1 to 10000 (got {options.ControlWritesPerMinute})");
        if (options.StreamInterval < TimeSpan.FromMilliseconds(100) || options.StreamInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"Api:StreamInterval: must be 00:00:00.1 to 00:01:00 (got {options.StreamInterval})");
        }
        if (options.MaxStreamClients is < 1 or > 10_000) errors.Add($"Api:MaxStreamClients: must be 1 to 10000 (got {options.MaxStreamClients})");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Loopback names and addresses; anything else (a LAN address, 0.0.0.0, a host name) can be reached from outside.</summary>
    public static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
