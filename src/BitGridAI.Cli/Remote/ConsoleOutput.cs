using System.Text;
using Spectre.Console;

namespace BitGridAI.Cli.Remote;

/// <summary>
/// Spectre consoles over the command's streams. Without a terminal they write plain text — no escape codes, no
/// colour — at a fixed width, so piped output and tests read the same every time.
/// </summary>
internal static class ConsoleOutput
{
    /// <summary>Wide enough for the miners table in one line per miner when nobody's window limits it.</summary>
    public const int PlainWidth = 200;

    public static IAnsiConsole Over(Stream stream, bool terminal) =>
        Over(new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 4096, leaveOpen: true) { NewLine = "\n", AutoFlush = true }, terminal);

    public static IAnsiConsole Over(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = terminal ? WindowWidth() : PlainWidth;
        return console;
    }

    /// <summary>Text from the silo, safe to show: control characters (an escape sequence in a miner's name) become visible escapes.</summary>
    public static string Clean(string? text) =>
        text is null ? "—"
        : text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()))
        : text;

    /// <summary>Plain text (never parsed as markup) from the silo.</summary>
    public static Spectre.Console.Text Plain(string? text) => new(Clean(text));

    private static int WindowWidth()
    {
        try
        {
            return Console.WindowWidth is > 20 and var width ? width : 120;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
