using System.Text;

namespace BitGridAI.Adapters.Miners;

/// <summary>
/// Makes the JSON that cgminer-family firmwares really emit parseable: bare <c>inf</c>, <c>-inf</c> and
/// <c>nan</c> become null, objects glued together as <c>}{</c> get their comma, trailing commas go, and a
/// NUL terminator is dropped. Text inside strings is never touched.
/// </summary>
public static class CgminerJson
{
    public static string Repair(string text)
    {
        var output = new StringBuilder(text.Length + 16);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                continue;
            }
            if (inString)
            {
                output.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    output.Append(text[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    inString = true;
                    output.Append(c);
                    break;
                case '{' when LastSignificant(output) == '}':
                    output.Append(',').Append(c);
                    break;
                case '}' or ']' when LastSignificant(output) == ',':
                    output.Length = LastSignificantIndex(output);
                    output.Append(c);
                    break;
                default:
                    if (Word(text, i, "-inf") || Word(text, i, "-nan"))
                    {
                        output.Append("null");
                        i += 3;
                    }
                    else if (Word(text, i, "inf") || Word(text, i, "nan"))
                    {
                        output.Append("null");
                        i += 2;
                    }
                    else
                    {
                        output.Append(c);
                    }
                    break;
            }
        }
        return output.ToString();
    }

    private static bool Word(string text, int at, string word) =>
        at + word.Length <= text.Length
        && text.AsSpan(at, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase)
        && (at + word.Length == text.Length || !char.IsLetterOrDigit(text[at + word.Length]));

    private static char LastSignificant(StringBuilder output)
    {
        var index = LastSignificantIndex(output);
        return index < 0 ? '\0' : output[index];
    }

    private static int LastSignificantIndex(StringBuilder output)
    {
        for (var i = output.Length - 1; i >= 0; i--)
        {
            if (!char.IsWhiteSpace(output[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
