namespace BitGridAI.Cli;

/// <summary>Bad input from the user: reported as one line on stderr with exit code 2, never as a stack trace.</summary>
internal sealed class CliInputException(string message) : Exception(message);
