using BitGridAI.Adapters.Drivers;
using BitGridAI.Domain.Config;

namespace BitGridAI.Silo.Configuration;

/// <summary>
/// Reads <c>Site:Devices</c>: each entry names a template and adds or overrides its keys. A template is
/// looked for in <c>Site:Templates</c> when set, else in <c>templates/</c> next to the configuration file
/// (a site's own templates), then among the templates shipped with the silo. Every error names the file
/// the bad value came from, the device and the key.
/// </summary>
internal static class SiteDevices
{
    public const string Section = "Site:Devices";

    public static (IReadOnlyList<DeviceSettings> Devices, IReadOnlyList<string> Errors) Load(IConfiguration configuration, string configFile, EngineConfig engine)
    {
        var configName = Path.GetFileName(configFile);
        var configDir = Path.GetDirectoryName(Path.GetFullPath(configFile))!;
        string[] templateDirs = configuration["Site:Templates"] is { Length: > 0 } configured
            ? [Path.GetFullPath(Path.Combine(configDir, configured))]
            : [.. new[] { Path.Combine(configDir, "templates"), ShippedTemplates }.Select(Path.GetFullPath).Distinct()];
        var devices = new List<DeviceSettings>();
        var errors = new List<string>();
        var entries = configuration.GetSection(Section).GetChildren()
            .OrderBy(e => int.TryParse(e.Key, out var i) ? i : int.MaxValue)
            .ToList();
        if (entries.Count == 0)
        {
            errors.Add($"{configName}: {Section}: no devices are configured (list the site's inverter, meter, battery and miners, each with a Template)");
        }
        foreach (var entry in entries)
        {
            var origin = $"{configName}: {Section}[{entry.Key}]" + (entry["Id"] is { Length: > 0 } id ? $" ({id})" : "");
            if (Load(entry, origin, templateDirs, errors) is { } device)
            {
                devices.Add(device);
            }
        }
        errors.AddRange(DeviceSettingsValidator.CheckSite(devices, engine));
        return (devices, errors);
    }

    /// <summary>The templates that come with the silo.</summary>
    public static string ShippedTemplates => Path.Combine(AppContext.BaseDirectory, "silo-config", "templates");

    /// <summary>The template names available in these folders, for people choosing one.</summary>
    public static IEnumerable<string> TemplateNames(params string[] templateDirs) =>
        templateDirs.Where(Directory.Exists)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.json"))
            .Select(Path.GetFileNameWithoutExtension)
            .Distinct()
            .Order(StringComparer.Ordinal)!;

    private static DeviceSettings? Load(IConfigurationSection entry, string origin, string[] templateDirs, List<string> errors)
    {
        var template = entry["Template"];
        if (string.IsNullOrWhiteSpace(template))
        {
            errors.Add($"{origin}: Template: required; one of {string.Join(", ", TemplateNames(templateDirs))}");
            return null;
        }
        var templateFile = template.IndexOfAny(['/', '\\']) >= 0
            ? null
            : templateDirs.Select(dir => Path.Combine(dir, template + ".json")).FirstOrDefault(File.Exists);
        if (templateFile is null)
        {
            errors.Add($"{origin}: Template: no template '{template}' in {string.Join(" or ", templateDirs)} (have: {string.Join(", ", TemplateNames(templateDirs))})");
            return null;
        }
        var templateName = $"{Path.GetFileName(Path.GetDirectoryName(templateFile))}/{template}.json";

        var local = entry.AsEnumerable(makePathsRelative: true).Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        // Says which file a bad key came from: the site's entry when it sets it, else the template.
        string Where(string reported)
        {
            var key = reported.Replace("[", ":", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal); // Signals[0] is Signals:0 in configuration
            return local.Keys.Any(k => k.Equals(key, StringComparison.OrdinalIgnoreCase) || k.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase))
                ? origin
                : $"{origin}, template {templateName}";
        }

        IConfigurationRoot merged;
        try
        {
            merged = new ConfigurationBuilder().AddJsonFile(templateFile, optional: false, reloadOnChange: false).AddInMemoryCollection(local).Build();
        }
        catch (InvalidDataException e)
        {
            errors.Add($"{templateName}: not valid JSON: {e.InnerException?.Message ?? e.Message}");
            return null;
        }

        DeviceSettings device;
        try
        {
            device = merged.Get<DeviceSettings>(o => o.ErrorOnUnknownConfiguration = true) ?? new DeviceSettings();
        }
        catch (InvalidOperationException e)
        {
            errors.Add(BinderError(e, merged, Where));
            return null;
        }
        device.Origin = origin;
        errors.AddRange(DeviceSettingsValidator.Check(device).Select(error => $"{Where(error.Key)}: {error.Key}: {error.Message}"));
        return device;
    }

    /// <summary>A binder failure as a person reads it: the key, what it must be, what it was.</summary>
    private static string BinderError(InvalidOperationException e, IConfiguration merged, Func<string, string> where)
    {
        const string convert = "' at '";
        const string unknown = "were not found on the instance of ";
        // The conversion failure may sit under a wrapper ("binding has failed"), so look down the chain.
        Exception? inner = e;
        while (inner is not null && !inner.Message.StartsWith("Failed to convert", StringComparison.Ordinal) && !inner.Message.Contains(unknown, StringComparison.Ordinal))
        {
            inner = inner.InnerException;
        }
        var message = (inner ?? e).Message;
        // "Failed to convert configuration value 'five' at 'Port' to type 'System.Int32'."
        if (message.StartsWith("Failed to convert", StringComparison.Ordinal) && message.IndexOf(convert, StringComparison.Ordinal) is var at and >= 0)
        {
            var key = message[(at + convert.Length)..message.IndexOf('\'', at + convert.Length)];
            var wanted = message.Contains("System.Int32", StringComparison.Ordinal) ? "a whole number"
                : message.Contains("System.Double", StringComparison.Ordinal) ? "a number"
                : message.Contains("System.Boolean", StringComparison.Ordinal) ? "true or false"
                : "a different kind of value";
            return $"{where(key)}: {key}: must be {wanted} (got '{merged[key]}')";
        }
        if (message.IndexOf(unknown, StringComparison.Ordinal) is var found and >= 0)
        {
            var keys = message[(message.IndexOf(':', found) + 1)..].Trim().Trim('\'');
            var inMode = message.Contains(nameof(MinerModeSettings), StringComparison.Ordinal);
            var known = string.Join(", ", (inMode ? typeof(MinerModeSettings) : typeof(DeviceSettings)).GetProperties().Where(p => p.SetMethod?.IsPublic == true).Select(p => p.Name));
            return inMode
                ? $"{where("Modes")}: Modes: unknown key {keys} in a mode (a mode's keys are {known})"
                : $"{where(keys)}: {keys}: unknown key (the keys are {known})";
        }
        return $"{where("")}: {Unwrap(e)}";
    }

    private static string Unwrap(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e.Message;
    }
}
