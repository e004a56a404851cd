using System.Globalization;
using System.Text.Json;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// A dotted path into a JSON payload (<c>ENERGY.Power</c>, <c>switch:0.apower</c>, <c>sensors[1].value</c>),
/// parsed once at start so a bad path is a configuration error, not a per-message surprise. Names may hold
/// any character but <c>.</c>, <c>[</c> and <c>]</c>: device vendors use colons and dashes in keys.
/// </summary>
public sealed class JsonPath
{
    private readonly (string? Name, int Index)[] _steps;
    private readonly string _text;

    private JsonPath(string text, (string? Name, int Index)[] steps)
    {
        _text = text;
        _steps = steps;
    }

    public static bool TryParse(string text, out JsonPath? path, out string? error)
    {
        path = null;
        var steps = new List<(string?, int)>();
        var parts = text.Split('.');
        for (var p = 0; p < parts.Length; p++)
        {
            var part = parts[p];
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Contains(']', StringComparison.Ordinal))
            {
                error = $"'{text}': a ']' without '[' in '{part}'";
                return false;
            }
            if (name.Length > 0)
            {
                steps.Add((name, -1));
            }
            else if (bracket < 0 || p > 0)
            {
                error = $"'{text}': an empty name (write names separated by single dots, e.g. ENERGY.Power)";
                return false;
            }
            for (var rest = bracket < 0 ? "" : part[bracket..]; rest.Length > 0;)
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (rest[0] != '[' || close < 0
                    || !int.TryParse(rest.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    error = $"'{text}': an array index must be a whole number in brackets, e.g. sensors[0]";
                    return false;
                }
                steps.Add((null, index));
                rest = rest[(close + 1)..];
            }
        }
        error = null;
        path = new JsonPath(text, [.. steps]);
        return true;
    }

    /// <summary>The element the path names, or false when a name or index along the way is not there.</summary>
    public bool TryFind(JsonElement root, out JsonElement found)
    {
        found = root;
        foreach (var (name, index) in _steps)
        {
            if (name is not null)
            {
                if (found.ValueKind != JsonValueKind.Object || !found.TryGetProperty(name, out found))
                {
                    return false;
                }
            }
            else if (found.ValueKind != JsonValueKind.Array || index >= found.GetArrayLength())
            {
                return false;
            }
            else
            {
                found = found[index];
            }
        }
        return true;
    }

    public override string ToString() => _text;
}
