using System.Globalization;
using System.Text.Json.Nodes;
using BitGridAI.Silo.Control;

namespace BitGridAI.Silo.HomeAssistant;

/// <summary>
/// The state messages for a view of the site: one JSON object for the site and one per miner, the fields the
/// discovery configs' templates read. A value that is not measured is <c>null</c> (Home Assistant shows unknown).
/// </summary>
internal static class HomeAssistantStates
{
    /// <summary>Home Assistant keeps at most 255 characters as an entity's state; the full text is an attribute.</summary>
    public const int MaxStateLength = 255;

    public static IReadOnlyList<HomeAssistantMessage> Of(SiteView site, HomeAssistantTopics topics, IReadOnlyDictionary<string, string> minerIds)
    {
        var last = site.LastDecision;
        var messages = new List<HomeAssistantMessage>
        {
            new(topics.Site, new JsonObject
            {
                ["decision_code"] = last?.DecisionCode,
                ["explanation"] = last is null ? null : Shortened(last.ShortText),
                ["surplus_w"] = Rounded(site.Flows.SurplusW),
                ["autonomy"] = site.Autonomy,
                ["override"] = site.Override?.Action ?? "none",
                ["decision"] = last is null ? new JsonObject() : new JsonObject
                {
                    ["text"] = last.ShortText,
                    ["block_id"] = last.BlockId,
                    ["miner"] = last.Miner,
                    ["action"] = last.Action,
                    ["mode"] = last.Mode,
                    ["trigger"] = last.Trigger,
                    ["decided_at"] = Time(last.DecidedAt),
                },
                ["override_details"] = site.Override is not { } o ? new JsonObject() : new JsonObject
                {
                    ["action"] = o.Action,
                    ["expires_at"] = Time(o.ExpiresAt),
                    ["requested_by"] = o.RequestedBy,
                    ["reason"] = o.Reason,
                },
            }.ToJsonString(HomeAssistantJson.Options)),
        };
        foreach (var miner in site.Miners)
        {
            if (!minerIds.TryGetValue(miner.Id, out var id))
            {
                continue;
            }
            messages.Add(new(topics.Miner(id), new JsonObject
            {
                ["state"] = miner.Action,
                ["power_w"] = Rounded(miner.PowerW),
                ["temp_c"] = Rounded(miner.TempC),
                ["health"] = miner.Health,
                ["emergency_stop"] = miner.EmergencyStop,
                ["lockout"] = miner.Lockout,
                ["details"] = new JsonObject
                {
                    ["mode"] = miner.Mode,
                    ["confirmed_action"] = miner.ConfirmedAction,
                    ["health_reason"] = miner.HealthReason,
                    ["lockout_until"] = miner.LockoutUntil is { } until ? Time(until) : null,
                    ["relay_open"] = miner.RelayOpen,
                    ["fault"] = miner.Fault,
                    ["last_decision_code"] = miner.LastDecisionCode,
                    ["hashrate_ths"] = miner.HashrateThs,
                },
            }.ToJsonString(HomeAssistantJson.Options)));
        }
        return messages;
    }

    /// <summary>The text cut to <see cref="MaxStateLength"/> characters with an ellipsis, never inside a surrogate pair.</summary>
    public static string Shortened(string text)
    {
        if (text.Length <= MaxStateLength)
        {
            return text;
        }
        var cut = MaxStateLength - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    private static double? Rounded(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 1) : null;

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
