using System.Text.Json;
using Spectre.Console;
using static BitGridAI.Cli.Remote.ConsoleOutput;

namespace BitGridAI.Cli.Remote;

/// <summary>The site view of <c>GET /api/v1/site</c> for people: a header line, the flows, one row per miner, overrides, the last decision, health.</summary>
internal static class SiteTables
{
    public static void Write(IAnsiConsole console, JsonElement site)
    {
        var health = JsonRead.Object(site, "health");
        var healthStatus = health is { } h ? JsonRead.String(h, "status") : null;
        console.Write(Plain($"site {Clean(JsonRead.String(site, "site_id"))} · {Show.Time(JsonRead.Time(site, "time"))} · autonomy {Clean(JsonRead.String(site, "autonomy"))} · strategy {Clean(JsonRead.String(site, "strategy"))} · health {Clean(healthStatus)}"));
        console.WriteLine();

        var flows = JsonRead.Object(site, "flows") ?? default;
        var flowTable = new Table().Border(TableBorder.Rounded).Title("energy flows");
        foreach (var column in new[] { "PV", "house", "battery", "SoC", "grid import", "grid export", "miners", "surplus" })
        {
            flowTable.AddColumn(new TableColumn(column).RightAligned());
        }
        flowTable.AddRow(new[]
        {
            Show.Watts(JsonRead.Number(flows, "pv_w")), Show.Watts(JsonRead.Number(flows, "house_w")), Show.Battery(JsonRead.Number(flows, "battery_w")),
            Show.Unit(JsonRead.Number(flows, "battery_soc_pct"), "%"), Show.Watts(JsonRead.Number(flows, "grid_import_w")),
            Show.Watts(JsonRead.Number(flows, "grid_export_w")), Show.Watts(JsonRead.Number(flows, "miners_w")), Show.Watts(JsonRead.Number(flows, "surplus_w")),
        }.Select(Plain));
        console.Write(flowTable);

        var miners = new Table().Border(TableBorder.Rounded).Title("miners");
        foreach (var column in new[] { "miner", "action", "mode", "power", "temp", "hashrate", "health", "safety", "last decision" })
        {
            miners.AddColumn(column);
        }
        foreach (var column in new[] { 3, 4, 5 })
        {
            miners.Columns[column].RightAligned();
        }
        foreach (var miner in JsonRead.Array(site, "miners"))
        {
            miners.AddRow(
                Plain(JsonRead.String(miner, "id")), Plain(Action(miner)), Plain(JsonRead.String(miner, "mode")),
                Plain(Show.Watts(JsonRead.Number(miner, "power_w"))), Plain(Show.Unit(JsonRead.Number(miner, "temp_c"), "°C")),
                Plain(Show.Unit(JsonRead.Number(miner, "hashrate_ths"), "TH/s", "0.##")),
                Plain(JsonRead.String(miner, "health_reason") is { Length: > 0 } reason ? $"{JsonRead.String(miner, "health")}: {reason}" : JsonRead.String(miner, "health")),
                Safety(miner), Plain(JsonRead.String(miner, "last_decision_code")));
        }
        if (miners.Rows.Count == 0)
        {
            miners.AddRow(Plain("(none)"));
        }
        console.Write(miners);

        var overrides = JsonRead.Array(site, "overrides").ToList();
        if (overrides.Count == 0 && JsonRead.Object(site, "override") is { } single)
        {
            overrides.Add(single);
        }
        console.Write(Plain(overrides.Count == 0 ? "override: none" : string.Join('\n', overrides.Select(Override))));
        console.WriteLine();
        if (JsonRead.Object(site, "last_decision") is { } last)
        {
            console.Write(Plain($"last decision: block {Clean(JsonRead.String(last, "block_id"))} · {Clean(JsonRead.String(last, "miner"))} · {Clean(JsonRead.String(last, "decision_code"))} ({Clean(JsonRead.String(last, "trigger"))}): {Clean(JsonRead.String(last, "short_text"))}"));
            console.WriteLine();
        }
        if (health is { } checks && JsonRead.Object(checks, "checks") is { } map)
        {
            foreach (var check in map.EnumerateObject().Where(c => JsonRead.Text(c.Value) is not { } v || !v.StartsWith("ok", StringComparison.Ordinal)))
            {
                console.Write(Plain($"health {check.Name}: {Clean(JsonRead.Text(check.Value))}"));
                console.WriteLine();
            }
        }
    }

    /// <summary>One line per override: what, for whom, time left, by whom and why.</summary>
    public static string Override(JsonElement o)
    {
        var miner = JsonRead.String(o, "miner");
        var reason = JsonRead.String(o, "reason");
        return $"override {Clean(JsonRead.String(o, "action"))} on {(miner is null ? "all miners" : Clean(miner))} · {Show.Duration(JsonRead.Number(o, "remaining_s"))} left (until {Show.Time(JsonRead.Time(o, "expires_at"))}) · by {Clean(JsonRead.String(o, "requested_by"))}{(reason is { Length: > 0 } ? $" · {Clean(reason)}" : "")}";
    }

    /// <summary>What the miner was told, and what it confirmed when that differs.</summary>
    private static string Action(JsonElement miner)
    {
        var action = JsonRead.String(miner, "action");
        var confirmed = JsonRead.String(miner, "confirmed_action");
        return confirmed is null || confirmed == action ? action ?? Show.Missing : $"{action ?? Show.Missing} (confirmed {confirmed})";
    }

    /// <summary>The miner's safety state: an emergency stop, a lockout, an open relay or a fault; "ok" when none.</summary>
    public static Spectre.Console.Text Safety(JsonElement miner)
    {
        var states = new List<string>();
        if (JsonRead.Bool(miner, "emergency_stop"))
        {
            states.Add("EMERGENCY STOP");
        }
        if (JsonRead.Bool(miner, "lockout"))
        {
            states.Add(JsonRead.Time(miner, "lockout_until") is { } until ? $"lockout until {Show.Time(until)}" : "lockout");
        }
        if (JsonRead.Bool(miner, "relay_open"))
        {
            states.Add("relay open");
        }
        if (JsonRead.String(miner, "fault") is { Length: > 0 } fault)
        {
            states.Add($"fault: {fault}");
        }
        return Plain(states.Count == 0 ? "ok" : string.Join(", ", states));
    }
}
