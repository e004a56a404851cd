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

    /// <summary>
    /// Runs <paramref name="work"/> with a spinner and <paramref name="label"/> on stderr while a person watches
    /// (stderr is a terminal); otherwise just runs it, so pipes, logs and tests see nothing of it.
    /// </summary>
    public static T Busy<T>(CliIO io, string label, Func<T> work) =>
        io.ErrIsTerminal ? Over(io.Err, terminal: true).Status().Spinner(Spinner.Known.Dots).Start(Markup.Escape(label), _ => work()) : work();

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
