namespace BitGridAI.Cli;

/// <summary>
/// The streams a command works with: the console in production, buffers in tests. <paramref name="Env"/> reads an
/// environment variable (the process's when null), so tests can give the console its own server, token and config home.
/// </summary>
/// <param name="In">Standard input.</param>
/// <param name="Out">Standard output.</param>
/// <param name="Err">Standard error: messages, summaries, progress.</param>
/// <param name="OutIsTerminal">Whether a person reads stdout (tables may use colour and the window's width).</param>
/// <param name="ErrIsTerminal">Whether a person reads stderr (spinners and progress bars go there only then).</param>
/// <param name="Env">Reads an environment variable; null reads the process's own.</param>
internal sealed record CliIO(Stream In, Stream Out, TextWriter Err, bool OutIsTerminal = false, bool ErrIsTerminal = false, Func<string, string?>? Env = null)
{
    public string? Variable(string name) => (Env ?? Environment.GetEnvironmentVariable)(name);
}
