using System.Globalization;
using System.Text.Json;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage;
using BitGridAI.Storage.Access;
using BitGridAI.Storage.EventLog;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BitGridAI.EndToEnd.Tests;

/// <summary>
/// The dashboard in a real headless Chromium against the real silo: what a person sees and presses, checked against
/// the API and the event log.
/// </summary>
public sealed class DashboardTests : IClassFixture<DashboardSilo>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly DashboardSilo _silo;

    public DashboardTests(DashboardSilo silo)
    {
        _silo = silo;
        SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);
    }

    [Fact]
    public async Task AnOperatorSeesDecisionsArriveSetsAnOverrideStopsTheMinersAndInspectsAGrain()
    {
        const string test = "operator";
        await using var context = await _silo.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Patience.TotalMilliseconds);

        await LogInAsync(page, _silo.AdminToken);
        await Screenshots.TakeAsync(page, test, "1-logged-in");

        // A live decision arrives: the newest entry of the timeline changes to a later block while we watch.
        var newest = page.GetByTestId("decision").First;
        await Expect(newest).ToBeVisibleAsync();
        var firstBlock = await newest.GetAttributeAsync("data-block");
        await WaitUntilAsync(async () => string.CompareOrdinal(await newest.GetAttributeAsync("data-block"), firstBlock) > 0, "a newer decision in the timeline");
        await Screenshots.TakeAsync(page, test, "2-live-decision");

        // Its explanation, with the long text.
        await newest.ClickAsync();
        await Expect(page.GetByTestId("block-detail").GetByTestId("block-long").First).Not.ToBeEmptyAsync();
        await Screenshots.TakeAsync(page, test, "3-explanation");

        // An override: its countdown runs (site time runs 600 times faster than the wall clock here).
        await page.GetByTestId("override-action").SelectOptionAsync("STOP");
        await page.GetByTestId("override-minutes").FillAsync("120");
        await page.GetByTestId("override-reason").FillAsync("end-to-end test");
        await page.GetByTestId("override-set").ClickAsync();
        var countdown = page.GetByTestId("override-countdown").First;
        await Expect(countdown).ToBeVisibleAsync();
        var before = Seconds(await countdown.GetAttributeAsync("data-remaining-s"));
        Assert.InRange(before, 1, 120 * 60);
        await WaitUntilAsync(async () => await countdown.IsVisibleAsync() is false || Seconds(await countdown.GetAttributeAsync("data-remaining-s")) < before,
            "the override countdown going down");
        await Screenshots.TakeAsync(page, test, "4-override-countdown");
        if (await page.GetByTestId("override-clear").CountAsync() > 0)
        {
            await page.GetByTestId("override-clear").First.ClickAsync();
        }
        await Expect(page.GetByTestId("no-override")).ToBeVisibleAsync();

        // The emergency stop: every miner's card says so (the standalone site has three), and the API agrees.
        await page.GetByTestId("emergency-stop").ClickAsync();
        await Expect(page.GetByTestId("miner-card")).ToHaveCountAsync(3);
        var card = page.GetByTestId("miner-card").First;
        foreach (var each in await page.GetByTestId("miner-card").AllAsync())
        {
            await Expect(each.GetByTestId("miner-emergency")).ToBeVisibleAsync();
            await Expect(each.GetByTestId("miner-action")).ToHaveTextAsync("STOP");
        }
        await Screenshots.TakeAsync(page, test, "5-emergency-stop");
        using (var site = JsonDocument.Parse(await _silo.GetApiAsync("/api/v1/site", _silo.AdminToken)))
        {
            Assert.All(site.RootElement.GetProperty("miners").EnumerateArray(), m => Assert.True(m.GetProperty("emergency_stop").GetBoolean()));
        }
        Assert.Contains(ControlRecords(), c => c.Path == "emergency-stop" && c.Accepted && c.TokenName == "admin");

        await page.GetByTestId("emergency-ack").ClickAsync();
        await Expect(card.GetByTestId("miner-emergency")).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(page, test, "6-acknowledged");

        // German, explanations included.
        await page.GetByTestId("lang-de").ClickAsync();
        await Expect(page.GetByTestId("tab-overview")).ToHaveTextAsync("Übersicht");
        await page.GetByTestId("decision").First.ClickAsync();
        await Expect(page.GetByTestId("block-detail").GetByTestId("block-language")).ToHaveValueAsync("de");
        await Screenshots.TakeAsync(page, test, "7-german");
        await page.GetByTestId("lang-en").ClickAsync();

        // KPI charts: a bar per hour of the day and per day of the week, drawn from the recorded blocks.
        await page.GetByTestId("tab-kpis").ClickAsync();
        await Expect(page.GetByTestId("kpi-day").GetByTestId("kpi-bar")).ToHaveCountAsync(24);
        await Expect(page.GetByTestId("kpi-week").GetByTestId("kpi-bar")).ToHaveCountAsync(7);
        await Screenshots.TakeAsync(page, test, "8-kpis");

        // The grain inspector: a miner grain's state as JSON, refreshed live.
        await page.GetByTestId("tab-grains").ClickAsync();
        await page.Locator("[data-testid=grain-type][data-type=miner]").ClickAsync();
        await page.Locator("[data-testid=grain][data-type=miner]").First.ClickAsync();
        var state = page.GetByTestId("grain-state");
        await Expect(state).ToContainTextAsync("\"miner\"");
        using (JsonDocument.Parse(await state.InnerTextAsync()))
        {
        }
        await Screenshots.TakeAsync(page, test, "9-grain-state");
    }

    [Fact]
    public async Task AViewerSeesTheSiteButNoControlItCanUse()
    {
        const string test = "viewer";
        var token = new TokenStore(new SqliteDatabase(TokenStore.PathIn(_silo.DataDir)), TimeProvider.System).Create("e2e-viewer", ApiRole.Viewer);
        await using var context = await _silo.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Patience.TotalMilliseconds);

        await LogInAsync(page, token);
        await Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("miner-card").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("emergency-stop")).ToBeDisabledAsync();
        Assert.Equal(0, await page.Locator("[data-control]:not([disabled])").CountAsync());
        Assert.Equal(0, await page.GetByTestId("override-set").CountAsync());
        await Screenshots.TakeAsync(page, test, "1-read-only");
    }

    [Fact]
    public async Task AnUnknownTokenIsRefusedAtLogin()
    {
        await using var context = await _silo.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Patience.TotalMilliseconds);

        await LogInAsync(page, "bgt_not-a-token", expectSuccess: false);

        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("flows")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task OrleansClusterStatisticsAreMountedAtOrleans()
    {
        using var http = new HttpClient();
        var html = await http.GetStringAsync($"{_silo.BaseUrl}/orleans/");
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Opens the dashboard, waits for the live circuit (the first page is prerendered) and logs in.</summary>
    private async Task LogInAsync(IPage page, string token, bool expectSuccess = true)
    {
        await page.GotoAsync(_silo.BaseUrl + "/");
        await Expect(page.GetByTestId("dashboard")).ToHaveAttributeAsync("data-interactive", "true");
        await page.GetByTestId("token").FillAsync(token);
        await page.GetByTestId("login-button").ClickAsync();
        if (expectSuccess)
        {
            await Expect(page.GetByTestId("caller")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("flows")).ToBeVisibleAsync();
        }
    }

    private List<ControlBody> ControlRecords() =>
        [.. EventLogStore.OpenExisting(_silo.DataDir).Read([LogKinds.Control], null, null)
            .Select(r => JsonSerializer.Deserialize(r.Body, LogJson.Default.ControlBody))
            .Where(c => c?.Method == "DASHBOARD")
            .Select(c => c!)];

    private static int Seconds(string? text) => int.Parse(text ?? "-1", CultureInfo.InvariantCulture);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen within {Patience.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
