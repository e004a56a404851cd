using System.Text.Json;

namespace BitGridAI.Explain.Rephrasing;

/// <summary>
/// Checks a GenAI model folder before the native runtime sees it, so a user who copied an incomplete export
/// reads which file is missing instead of a native error about a tensor or a null handle.
/// </summary>
public static class ModelFolder
{
    public const string ConfigFile = "genai_config.json";
    public const string TokenizerFile = "tokenizer.json";
    public const string TokenizerConfigFile = "tokenizer_config.json";

    /// <summary>Every problem found, each naming its file; empty when the folder has what GenAI needs to load.</summary>
    public static IReadOnlyList<string> Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Directory.Exists(path))
        {
            return [$"The model folder '{path}' does not exist."];
        }

        var problems = new List<string>();
        CheckConfig(path, problems);
        CheckJsonFile(path, TokenizerFile, "the tokenizer's vocabulary", problems);
        CheckJsonFile(path, TokenizerConfigFile, "the tokenizer's settings", problems);
        return problems;
    }

    private static void CheckConfig(string folder, List<string> problems)
    {
        if (ReadJson(folder, ConfigFile, "the model's shape and file names", problems) is not { } config)
        {
            return;
        }

        using (config)
        {
            var model = Property(config.RootElement, "model");
            if (model is not { ValueKind: JsonValueKind.Object })
            {
                problems.Add($"{ConfigFile} has no \"model\" object.");
                return;
            }

            if (Property(model.Value, "context_length") is not { ValueKind: JsonValueKind.Number })
            {
                problems.Add($"{ConfigFile} has no number model.context_length (the model's window in tokens).");
            }

            var decoderFile = Property(model.Value, "decoder") is { ValueKind: JsonValueKind.Object } decoder
                && Property(decoder, "filename") is { ValueKind: JsonValueKind.String } name
                ? name.GetString()
                : null;
            if (string.IsNullOrWhiteSpace(decoderFile))
            {
                problems.Add($"{ConfigFile} has no model.decoder.filename (the ONNX file of the decoder).");
                return;
            }

            CheckDecoderFile(folder, decoderFile, problems);
        }
    }

    private static void CheckDecoderFile(string folder, string decoderFile, List<string> problems)
    {
        // The decoder must sit inside the folder: the folder is the one thing the user chose to trust.
        var root = Path.GetFullPath(folder);
        var full = Path.GetFullPath(Path.Combine(root, decoderFile));
        if (Path.IsPathRooted(decoderFile) || !full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            problems.Add($"{ConfigFile} names the decoder '{decoderFile}', which is outside the model folder.");
        }
        else if (!File.Exists(full))
        {
            problems.Add($"The decoder file '{decoderFile}' named by model.decoder.filename in {ConfigFile} is missing.");
        }
    }

    private static void CheckJsonFile(string folder, string file, string holds, List<string> problems) =>
        ReadJson(folder, file, holds, problems)?.Dispose();

    private static JsonDocument? ReadJson(string folder, string file, string holds, List<string> problems)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            problems.Add($"{file} is missing from the model folder (it holds {holds}).");
            return null;
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            problems.Add($"{file} is not readable JSON: {e.Message}");
        }
        catch (IOException e)
        {
            problems.Add($"{file} could not be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            problems.Add($"{file} could not be read: {e.Message}");
        }

        return null;
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;
}
