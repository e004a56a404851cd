
namespace BitGridAI.Silo.Configuration;

/// <summary>
/// The silo's configuration, in rising precedence: <c>silo-config/standalone.json</c> (or <c>--config FILE</c>),
/// environment variables <c>BITGRID_Section__Key</c>, then the command line (<c>--data-dir</c>,
/// <c>--speed</c>, or any <c>--Section:Key=value</c>).
/// </summary>
internal static class SiloConfiguration
{
    private static readonly Dictionary<string, string> Switches = new()
    {
        ["--data-dir"] = "Silo:DataDir",
        ["--speed"] = "Silo:Speed",
        ["--config"] = "ConfigFile",
        ["--devices-only"] = DevicesOnlyKey,
    };

    /// <summary>Set by <c>--devices-only true</c>: serve the configured site's simulated devices and its broker, no silo (cluster mode).</summary>
    public const string DevicesOnlyKey = "DevicesOnly";

    /// <summary>The full path of the configuration file in use.</summary>
    public const string ConfigFileKey = "ConfigFile";

    public static IConfigurationRoot Build(string[] args)
    {
        var commandLine = new ConfigurationBuilder().AddCommandLine(args, Switches).Build();
        var file = commandLine["ConfigFile"] ?? Path.Combine(AppContext.BaseDirectory, "silo-config", "standalone.json");
        if (!File.Exists(file))
        {
            throw new StartupException($"--config: the configuration file '{file}' does not exist");
        }
        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false)
                .AddEnvironmentVariables("BITGRID_")
                .AddCommandLine(args, Switches)
                // Device templates are found next to the file that names them.
                .AddInMemoryCollection([new(ConfigFileKey, Path.GetFullPath(file))])
                .Build();
        }
        catch (InvalidDataException e)
        {
            throw new StartupException($"--config: '{file}' is not valid JSON: {e.InnerException?.Message ?? e.Message}");
        }
        catch (FormatException e)
        {
            throw new StartupException($"command line: {e.Message}");
        }
    }

    /// <summary>One site's own file (<c>Cluster:Sites</c>): only the file, so the silo's overrides do not leak into every site.</summary>
    /// <param name="file">The site file's full path.</param>
    /// <param name="key">The key that names it, for messages.</param>
    public static IConfigurationRoot BuildSite(string file, string key)
    {
        if (!File.Exists(file))
        {
            throw new StartupException($"{key}: the site file '{file}' does not exist");
        }
        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(file, optional: false, reloadOnChange: false)
                .AddInMemoryCollection([new(ConfigFileKey, file)])
                .Build();
        }
        catch (InvalidDataException e)
        {
            throw new StartupException($"{key}: '{file}' is not valid JSON: {e.InnerException?.Message ?? e.Message}");
        }
    }
}
