using Spectre.Console;

namespace BitGridAI.Cli.Remote;

/// <summary>
/// What every command over the API shares: <c>--server</c>, <c>--token</c>, <c>--timeout S</c> and <c>--json</c>;
/// running the request off the caller's thread; and a refused or failed request as one line on stderr with its exit code.
/// </summary>
internal sealed class RemoteSession
{
    private readonly string _command;
    private readonly string _role;
    private readonly CliIO _io;
    private readonly ServerSettings _settings;
    private readonly TimeSpan _timeout;
    private IAnsiConsole? _out;

    private RemoteSession(string command, string role, CliIO io, ServerSettings settings, TimeSpan timeout, bool json)
    {
        _command = command;
        _role = role;
        _io = io;
        _settings = settings;
        _timeout = timeout;
        Json = json;
    }

    /// <summary>Reads the shared options; call before <see cref="Arguments.RejectUnknown"/>.</summary>
    /// <param name="command">The command's name, leading every message.</param>
    /// <param name="role">The role the command needs (viewer, operator, admin), named when a token is refused.</param>
    /// <param name="args">The command's arguments.</param>
    /// <param name="io">The command's streams and environment.</param>
    /// <param name="timeoutS">The default for <c>--timeout</c>, in seconds.</param>
    public static RemoteSession Open(string command, string role, Arguments args, CliIO io, int timeoutS = 30)
    {
        var json = args.Flag("json");
        var timeout = args.IntOption("timeout", timeoutS, 1, 3600);
        return new RemoteSession(command, role, io, ServerSettings.Read(args, io), TimeSpan.FromSeconds(timeout), json);
    }

    /// <summary>Whether <c>--json</c> was given: print the API's answer unchanged.</summary>
    public bool Json { get; }

    public CliIO IO => _io;

    /// <summary>stdout as a Spectre console (tables and text).</summary>
    public IAnsiConsole Out => _out ??= ConsoleOutput.Over(_io.Out, _io.OutIsTerminal);

    public int Run(Func<ApiClient, Task<int>> work)
    {
        using var client = new ApiClient(_settings, _role, _timeout);
        try
        {
            // Off the caller's thread: no synchronization context of a host (a test runner) can deadlock the wait.
            return Task.Run(() => work(client)).GetAwaiter().GetResult();
        }
        catch (ApiFailure failure)
        {
            _io.Err.WriteLine(CliApp.OneLine($"bitgrid {_command}: {failure.Message}"));
            return failure.ExitCode;
        }
    }

    /// <summary>The answer's body exactly as the silo sent it, as one document on its own line (nothing for an empty answer).</summary>
    public int WriteJson(ApiAnswer answer)
    {
        if (answer.Body.Length > 0)
        {
            _io.Out.Write(answer.Body);
            if (answer.Body[^1] != (byte)'\n')
            {
                _io.Out.WriteByte((byte)'\n');
            }
            _io.Out.Flush();
        }
        return CliApp.Ok;
    }

    /// <summary>A failure for an answer whose shape is not what the command expects (the wrong JSON kind at the root).</summary>
    public ApiFailure Unexpected(string what) =>
        new(CliApp.Failed, $"the silo at {_settings.Name} answered with {what}, not what this console expects; is the console older than the silo?");
}
