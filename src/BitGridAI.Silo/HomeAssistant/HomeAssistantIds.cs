using System.Text;

namespace BitGridAI.Silo.HomeAssistant;

/// <summary>Ids as Home Assistant's discovery topics accept them: letters, digits, <c>_</c> and <c>-</c>.</summary>
internal static class HomeAssistantIds
{
    /// <summary>Lower case; any other character becomes <c>_</c>; never empty.</summary>
    public static string Sanitize(string id)
    {
        var text = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? char.ToLowerInvariant(c) : '_');
        }
        return text.Length == 0 ? "_" : text.ToString();
    }

    public static bool IsValid(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>One object id per miner, unique even when two ids sanitize alike (the later gets <c>_2</c>, <c>_3</c>, …).</summary>
    public static IReadOnlyDictionary<string, string> ForMiners(IEnumerable<string> minerIds)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var miner in minerIds)
        {
            var id = Sanitize(miner);
            for (var n = 2; !taken.Add(id); n++)
            {
                id = $"{Sanitize(miner)}_{n}";
            }
            ids[miner] = id;
        }
        return ids;
    }
}
