using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Cli.Tests.Support;

/// <summary>Runs <c>bitgrid</c> in-process with buffers for stdin, stdout and stderr and a fake clock.</summary>
internal static class Bitgrid
{
    /// <summary>What the fake clock reads unless a test brings its own.</summary>
    public static readonly DateTimeOffset ClockNow = new(2026, 3, 1, 8, 17, 0, TimeSpan.Zero);

    public static CliResult Run(params string[] args) => RunWithInput("", args);

    public static CliResult RunWithInput(string stdin, params string[] args) => RunWithInput(Encoding.UTF8.GetBytes(stdin), args);

    public static CliResult RunWithInput(byte[] stdin, params string[] args) => RunAt(new FakeTimeProvider(ClockNow), stdin, args);

    public static CliResult RunAt(TimeProvider clock, string stdin, params string[] args) => RunAt(clock, Encoding.UTF8.GetBytes(stdin), args);

    /// <summary>
    /// Runs with only the environment variables in <paramref name="environment"/> (no HOME unless given, so no
    /// person's console config leaks in): the console over the API reads its server and token from there.
    /// </summary>
    public static CliResult RunWithEnvironment(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunAt(new FakeTimeProvider(ClockNow), [], args, name => environment.GetValueOrDefault(name));

    private static CliResult RunAt(TimeProvider clock, byte[] stdin, string[] args, Func<string, string?>? environment = null)
    {
        using var input = new MemoryStream(stdin);
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var exitCode = CliApp.Run(args, new CliIO(input, output, error, Env: environment), clock);
        return new CliResult(exitCode, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }
}
