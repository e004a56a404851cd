using BitGridAI.Explain;
using Microsoft.Extensions.Options;

namespace BitGridAI.Grains.Hosting;

/// <summary>Stops the silo at start on an unknown language or persona (a request at run time falls back instead).</summary>
public sealed class ExplanationOptionsValidator : IValidateOptions<ExplanationOptions>
{
    public ValidateOptionsResult Validate(string? name, ExplanationOptions options)
    {
        var errors = new List<string>();
        var (_, _, notes) = ExplainOptions.Parse(options.Language, options.Persona);
        errors.AddRange(notes.Select(n => $"{ExplanationOptions.Section}: {n}"));
        if (options.Kept is < 1 or > 100_000)
        {
            errors.Add($"{ExplanationOptions.Section}:Kept: must be 1 to 100000 decisions (got {options.Kept})");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
