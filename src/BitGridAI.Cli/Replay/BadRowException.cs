namespace BitGridAI.Cli.Replay;

/// <summary>A row that cannot be read, with the line and column a person needs to find it.</summary>
internal sealed class BadRowException(int line, int column, string message)
    : Exception(column > 0 ? $"line {line}, column {column}: {message}" : $"line {line}: {message}")
{
    public int Line { get; } = line;
}
