using BitGridAI.Explain.Rephrasing;

namespace BitGridAI.Explain.Tests.Rephrasing;

/// <summary>Stands in for the language model so the rephraser's rules can be tested on their own.</summary>
internal sealed class FakeGenerator(Func<int, CancellationToken, GeneratedText> generate) : ITextGenerator
{
    public int Calls { get; private set; }

    public int? LastMaxNewTokens { get; private set; }

    public bool Disposed { get; private set; }

    public static FakeGenerator Answering(string text, bool reachedTokenLimit = false) =>
        new((_, _) => new GeneratedText(text, reachedTokenLimit));

    /// <summary>One "token" every 10 ms, checking the token like GenAI's loop does, for far longer than any limit.</summary>
    public static FakeGenerator Slow() => new((_, cancel) =>
    {
        for (var token = 0; token < 1000; token++)
        {
            cancel.ThrowIfCancellationRequested();
            Thread.Sleep(10);
        }

        return new GeneratedText("too late", false);
    });

    public GeneratedText Generate(string instruction, string text, int maxNewTokens, CancellationToken cancel)
    {
        Calls++;
        LastMaxNewTokens = maxNewTokens;
        return generate(maxNewTokens, cancel);
    }

    public void Dispose() => Disposed = true;
}
