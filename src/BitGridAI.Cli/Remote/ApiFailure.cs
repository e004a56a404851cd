namespace BitGridAI.Cli.Remote;

/// <summary>The silo refused, failed or could not be reached: one line for stderr and the console's exit code for it.</summary>
internal sealed class ApiFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
