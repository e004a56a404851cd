using System.Text.Json;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace BitGridAI.Explain.Rephrasing;

/// <summary>
/// Text generation with Microsoft.ML.OnnxRuntimeGenAI over a local model folder. No network: GenAI reads
/// genai_config.json, the ONNX files and the tokenizer from that folder and has no download path; the only
/// provider is the CPU (the list is cleared, so nothing in the config can choose another).
/// </summary>
internal sealed class GenAiTextGenerator : ITextGenerator
{
    private readonly Config _config;
    private readonly Model _model;
    private readonly Tokenizer _tokenizer;
    private readonly int[] _endTokens;

    private GenAiTextGenerator(Config config, Model model, Tokenizer tokenizer)
    {
        _config = config;
        _model = model;
        _tokenizer = tokenizer;
        _endTokens = tokenizer.GetEosTokenIds().ToArray();
    }

    /// <exception cref="OnnxRuntimeGenAIException">The runtime could not load the folder's model or tokenizer.</exception>
    public static GenAiTextGenerator Load(string folder)
    {
        Config? config = null;
        Model? model = null;
        try
        {
            config = new Config(folder);
            config.ClearProviders();
            model = new Model(config);
            return new GenAiTextGenerator(config, model, new Tokenizer(model));
        }
        catch
        {
            model?.Dispose();
            config?.Dispose();
            throw;
        }
    }

    public GeneratedText Generate(string instruction, string text, int maxNewTokens, CancellationToken cancel)
    {
        using var prompt = _tokenizer.Encode(Prompt(instruction, text));
        using var parameters = new GeneratorParams(_model);
        // max_length counts the prompt too; GenAI stops there even if the loop below did not.
        parameters.SetSearchOption("max_length", prompt[0].Length + maxNewTokens);
        using var generator = new Generator(_model, parameters);
        generator.AppendTokenSequences(prompt);

        var produced = new List<int>(maxNewTokens);
        while (produced.Count < maxNewTokens && !generator.IsDone())
        {
            // The clock is checked per token: one step of a small model is far shorter than the time limit.
            cancel.ThrowIfCancellationRequested();
            generator.GenerateNextToken();
            var token = generator.GetNextTokens()[0];
            if (Array.IndexOf(_endTokens, token) >= 0)
            {
                return new GeneratedText(_tokenizer.Decode(produced.ToArray()).Trim(), ReachedTokenLimit: false);
            }

            produced.Add(token);
        }

        return new GeneratedText(_tokenizer.Decode(produced.ToArray()).Trim(), ReachedTokenLimit: true);
    }

    /// <summary>
    /// The model's own chat format when its tokenizer has one (instruction-tuned models answer far better in
    /// it); a plain instruction-then-text prompt otherwise.
    /// </summary>
    private string Prompt(string instruction, string text)
    {
        var messages = JsonSerializer.Serialize(new[] { new Message("system", instruction), new Message("user", text) }, JsonNames);
        try
        {
            return _tokenizer.ApplyChatTemplate(null, messages, null, true);
        }
        catch (OnnxRuntimeGenAIException)
        {
            return $"{instruction}\n\n{text}\n\n";
        }
    }

    public void Dispose()
    {
        _tokenizer.Dispose();
        _model.Dispose();
        _config.Dispose();
    }

    private static readonly JsonSerializerOptions JsonNames = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private sealed record Message(string Role, string Content);
}
