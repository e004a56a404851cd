namespace BitGridAI.Explain.Rephrasing;

/// <summary>
/// Rewords a template's short text for a persona with a local language model, and shows the result only when
/// it came within the time and token limits and the caller's faithfulness verifier accepts it; otherwise the
/// template is shown. It never reaches the network: the model is a local folder and the runtime has no
/// download path.
/// </summary>
public sealed class OnnxRephraser : IDisposable
{
    private readonly ITextGenerator _generator;
    private readonly RephraserOptions _options;
    private readonly Lock _gate = new();
    private Task? _running;
    private CancellationTokenSource? _runningCancel;
    private bool _disposed;

    internal OnnxRephraser(ITextGenerator generator, RephraserOptions options)
    {
        _generator = generator;
        _options = options;
    }

    /// <summary>
    /// Loads the configured model. Never throws: a missing setting, a URL, an incomplete folder or a model the
    /// runtime rejects all come back as <see cref="RephraserOpening.Error"/>, and the caller keeps the templates.
    /// </summary>
    public static RephraserOpening Open(RephraserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Refusal(options) is { } refusal)
        {
            return RephraserOpening.Failed(refusal);
        }

        var folder = options.ModelFolder!;
        var problems = ModelFolder.Check(folder);
        if (problems.Count > 0)
        {
            return RephraserOpening.Failed($"The model folder '{folder}' is incomplete: {string.Join(" ", problems)}");
        }

        try
        {
            return new RephraserOpening(new OnnxRephraser(GenAiTextGenerator.Load(folder), options), null);
        }
#pragma warning disable CA1031 // Open's promise is that a bad model never takes the explainer down with it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return RephraserOpening.Failed($"The model in '{folder}' could not be loaded: {e.Message}");
        }
    }

    /// <summary>Why options cannot be used at all, before any file is read; null when they can.</summary>
    internal static string? Refusal(RephraserOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ModelFolder))
        {
            return $"No model folder is set ({RephraserOptions.ModelFolderKey}); the templates are shown.";
        }

        if (IsRemote(options.ModelFolder))
        {
            return $"{RephraserOptions.ModelFolderKey} must be a local folder, not a URL or network share: '{options.ModelFolder}'.";
        }

        if (options.MaxNewTokens <= 0)
        {
            return $"{RephraserOptions.MaxNewTokensKey} must be above zero, not {options.MaxNewTokens}.";
        }

        return options.TimeLimit <= TimeSpan.Zero
            ? $"{RephraserOptions.TimeLimitKey} must be above zero, not {options.TimeLimit}."
            : null;
    }

    /// <summary>URLs (any scheme, file:// included, to keep one rule) and UNC shares would reach past this machine's disk.</summary>
    private static bool IsRemote(string folder)
    {
        var trimmed = folder.Trim();
        return trimmed.Contains("://", StringComparison.Ordinal)
            || trimmed.StartsWith(@"\\", StringComparison.Ordinal)
            || trimmed.StartsWith("//", StringComparison.Ordinal);
    }

    /// <summary>
    /// The model's rewording of <paramref name="templateShort"/> if it passes every guard, else the template with
    /// the reason. Generation runs on the thread pool; this call returns by the time limit even when a model step
    /// does not, and a second call while a late generation is still finishing gets the template ("busy").
    /// </summary>
    public RephrasedText Rephrase(string templateShort, string instruction, Func<string, bool> passesVerifier)
    {
        ArgumentNullException.ThrowIfNull(templateShort);
        ArgumentNullException.ThrowIfNull(instruction);
        ArgumentNullException.ThrowIfNull(passesVerifier);

        Task<GeneratedText> work;
        lock (_gate)
        {
            if (_disposed)
            {
                return RephrasedText.Template(templateShort, FallbackReasons.Disposed);
            }

            if (_running is { IsCompleted: false })
            {
                return RephrasedText.Template(templateShort, FallbackReasons.Busy);
            }

            _runningCancel?.Dispose();
            _runningCancel = new CancellationTokenSource(_options.TimeLimit);
            var cancel = _runningCancel.Token;
            // A thread of its own: a generation keeps a core busy for up to the time limit, and waiting on the
            // shared pool behind other work would eat into that limit before the model even starts.
            work = Task.Factory.StartNew(
                () => _generator.Generate(instruction, templateShort, _options.MaxNewTokens, cancel),
                cancel,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            _running = work;
        }

        var outcome = Await(work);
        return outcome.Reason is { } reason ? RephrasedText.Template(templateShort, reason)
            : outcome.Output!.ReachedTokenLimit ? RephrasedText.Template(templateShort, FallbackReasons.TokenLimit)
            : string.IsNullOrWhiteSpace(outcome.Output.Text) ? RephrasedText.Template(templateShort, FallbackReasons.EmptyOutput)
            : passesVerifier(outcome.Output.Text) ? RephrasedText.Model(outcome.Output.Text)
            : RephrasedText.Template(templateShort, FallbackReasons.FailedVerifier);
    }

    private (GeneratedText? Output, string? Reason) Await(Task<GeneratedText> work)
    {
        try
        {
            // The token source fires at the same limit; waiting here as well covers a native step that overruns it.
            return work.Wait(_options.TimeLimit) ? (work.Result, null) : (null, FallbackReasons.TimeLimit);
        }
        catch (AggregateException e) when (e.InnerException is OperationCanceledException)
        {
            return (null, FallbackReasons.TimeLimit);
        }
        catch (AggregateException e)
        {
            return (null, $"{FallbackReasons.ModelError}: {e.InnerException?.Message ?? e.Message}");
        }
    }

    /// <summary>Stops a running generation and waits for it, so the native model is never freed under it.</summary>
    public void Dispose()
    {
        Task? running;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            running = _running;
            _runningCancel?.Cancel();
        }

        try
        {
            running?.Wait();
        }
        catch (AggregateException)
        {
            // Its outcome was already reported (or dropped after the time limit); only its end matters here.
        }

        _runningCancel?.Dispose();
        _generator.Dispose();
    }
}

/// <summary>The result of <see cref="OnnxRephraser.Open"/>: a rephraser, or the message that says why there is none.</summary>
public sealed record RephraserOpening(OnnxRephraser? Rephraser, string? Error)
{
    internal static RephraserOpening Failed(string error) => new(null, error);
}
