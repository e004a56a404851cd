namespace BitGridAI.Cli.Research;

/// <summary>The <c>--by NAME</c> option: who the log records as asking; the OS user when not given.</summary>
internal static class RequestedBy
{
    public static string Of(Arguments args)
    {
        var by = args.Option("by") ?? Environment.UserName;
        return string.IsNullOrWhiteSpace(by) ? throw new CliInputException("--by: must name someone") : by.Trim();
    }
}
