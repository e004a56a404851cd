namespace BitGridAI.Cli;

/// <summary>
/// A command's arguments: positionals, <c>--name value</c> options and <c>--flag</c>s. Anything the
/// command did not ask for is an error that names it.
/// </summary>
internal sealed class Arguments
{
    private readonly List<string> _positionals = [];
    private readonly Dictionary<string, string?> _options = [];
    private readonly HashSet<string> _used = [];

    public Arguments(IEnumerable<string> args, IReadOnlySet<string> flags)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                _positionals.Add(arg);
                continue;
            }
            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (!flags.Contains(name))
            {
                value = e.MoveNext() ? e.Current : throw new CliInputException($"--{name}: a value is required");
            }
            if (!_options.TryAdd(name, value))
            {
                throw new CliInputException($"--{name}: given twice");
            }
        }
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public string? Option(string name)
    {
        _used.Add(name);
        return _options.GetValueOrDefault(name);
    }

    /// <summary>Whether the option was given, without reading it (commands that dispatch on an option).</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    public bool Flag(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name);
    }

    public int IntOption(string name, int fallback, int min, int max)
    {
        var text = Option(name);
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw new CliInputException($"--{name}: must be a whole number from {min} to {max} (got '{text}')");
    }

    /// <summary>Call after reading every option: an option nobody read is a typo the user should hear about.</summary>
    public void RejectUnknown(int maxPositionals)
    {
        foreach (var name in _options.Keys.Where(n => !_used.Contains(n)))
        {
            throw new CliInputException($"--{name}: unknown option");
        }
        if (_positionals.Count > maxPositionals)
        {
            throw new CliInputException($"unexpected argument '{_positionals[maxPositionals]}'");
        }
    }
}
