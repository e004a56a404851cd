using System.Net.Http.Headers;
using BitGridAI.Silo.Tests;
using Microsoft.Playwright;

namespace BitGridAI.EndToEnd.Tests;

/// <summary>
/// One real silo (simulated site at ×600: a 10-minute block every second) and one headless Debian Chromium, shared by
/// the dashboard tests; each test opens its own browser context, so logins and tabs never mix.
/// </summary>
public sealed class DashboardSilo : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private readonly string _dataDir = Directory.CreateTempSubdirectory("bitgrid-e2e-").FullName;
    private SiloProcess? _silo;
    private IPlaywright? _playwright;

    public string AdminToken { get; private set; } = "";

    public string BaseUrl => $"http://127.0.0.1:{Silo.ApiPort}";

    public string DataDir => _dataDir;

    public IBrowser Browser { get; private set; } = default!;

    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("the silo is not started");

    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start(_dataDir);
        await Silo.WaitForAsync(s => s.Lines.Any(l => l.StartsWith("admin token: ", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the admin token line");
        AdminToken = Silo.Lines.First(l => l.StartsWith("admin token: ", StringComparison.Ordinal))["admin token: ".Length..].Trim();
        using (var http = new HttpClient())
        {
            await Silo.WaitForAsync(_ => Answers(http, $"{BaseUrl}/health"), TimeSpan.FromSeconds(60), "the API answering /health");
        }

        // Debian's chromium, not a browser Playwright downloads: nothing is fetched from outside.
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A GET of the API with a bearer token, as the console or a script sends it.</summary>
    public async Task<string> GetApiAsync(string path, string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    private static bool Answers(HttpClient http, string url)
    {
        try
        {
            using var response = http.GetAsync(url).GetAwaiter().GetResult();
            return (int)response.StatusCode is 200 or 503;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
