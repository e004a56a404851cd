namespace BitGridAI.Cli;

/// <summary>The streams a command works with: the console in production, buffers in tests.</summary>
internal sealed record CliIO(Stream In, Stream Out, TextWriter Err, bool OutIsTerminal = false);
