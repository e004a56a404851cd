using System.Diagnostics;
using BitGridAI.Explain.Rephrasing;

namespace BitGridAI.Explain.Tests.Rephrasing;

public sealed class OnnxRephraserTests
{
    private const string Template = "Miners on: 2.1 kW of surplus solar.";
    private const string Instruction = "Say this for someone who cares about heat.";
    // Generous where the limit is not under test, so a busy test machine cannot turn an answer into a timeout.
    private static readonly RephraserOptions Roomy = new() { ModelFolder = "/unused", TimeLimit = TimeSpan.FromSeconds(20) };
    private static readonly RephraserOptions Fast = Roomy with { TimeLimit = TimeSpan.FromMilliseconds(300) };

    [Fact]
    public void TextThatPassesTheVerifierIsShown()
    {
        using var rephraser = new OnnxRephraser(FakeGenerator.Answering("The miners heat with 2.1 kW of sun."), Roomy);
        string? checkedText = null;

        var result = rephraser.Rephrase(Template, Instruction, text => { checkedText = text; return true; });

        Assert.Equal(new RephrasedText("The miners heat with 2.1 kW of sun.", true, null), result);
        Assert.Equal("The miners heat with 2.1 kW of sun.", checkedText);
    }

    [Fact]
    public void TextThatFailsTheVerifierGivesTheTemplate()
    {
        using var rephraser = new OnnxRephraser(FakeGenerator.Answering("The miners run on 5 kW."), Roomy);

        var result = rephraser.Rephrase(Template, Instruction, _ => false);

        Assert.Equal(new RephrasedText(Template, false, FallbackReasons.FailedVerifier), result);
    }

    [Fact]
    public void AGeneratorPastTheTimeLimitGivesTheTemplateInTime()
    {
        using var rephraser = new OnnxRephraser(FakeGenerator.Slow(), Fast);
        var clock = Stopwatch.StartNew();

        var result = rephraser.Rephrase(Template, Instruction, _ => true);

        Assert.Equal(new RephrasedText(Template, false, FallbackReasons.TimeLimit), result);
        Assert.InRange(clock.Elapsed, Fast.TimeLimit - TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void AGeneratorThatIgnoresCancellationStillCannotHoldTheCaller()
    {
        using var release = new ManualResetEventSlim();
        var stuck = new FakeGenerator((_, _) => { release.Wait(TimeSpan.FromSeconds(10), CancellationToken.None); return new GeneratedText("late", false); });
        using var rephraser = new OnnxRephraser(stuck, Fast);
        try
        {
            var clock = Stopwatch.StartNew();

            var first = rephraser.Rephrase(Template, Instruction, _ => true);
            var second = rephraser.Rephrase(Template, Instruction, _ => true);

            Assert.Equal(FallbackReasons.TimeLimit, first.FallbackReason);
            Assert.Equal(new RephrasedText(Template, false, FallbackReasons.Busy), second);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        }
        finally
        {
            // Dispose waits for the generation, so it must be let go whatever the assertions found.
            release.Set();
        }
    }

    [Fact]
    public void AnAnswerCutOffByTheTokenLimitGivesTheTemplate()
    {
        var generator = FakeGenerator.Answering("The miners heat with", reachedTokenLimit: true);
        using var rephraser = new OnnxRephraser(generator, Roomy with { MaxNewTokens = 5 });

        var result = rephraser.Rephrase(Template, Instruction, _ => true);

        Assert.Equal(new RephrasedText(Template, false, FallbackReasons.TokenLimit), result);
        Assert.Equal(5, generator.LastMaxNewTokens);
    }

    [Fact]
    public void AnEmptyAnswerGivesTheTemplate()
    {
        using var rephraser = new OnnxRephraser(FakeGenerator.Answering("  "), Roomy);

        Assert.Equal(new RephrasedText(Template, false, FallbackReasons.EmptyOutput), rephraser.Rephrase(Template, Instruction, _ => true));
    }

    [Fact]
    public void AModelErrorGivesTheTemplateWithItsMessage()
    {
        var failing = new FakeGenerator((_, _) => throw new InvalidOperationException("shape mismatch"));
        using var rephraser = new OnnxRephraser(failing, Roomy);

        var result = rephraser.Rephrase(Template, Instruction, _ => true);

        Assert.Equal(new RephrasedText(Template, false, $"{FallbackReasons.ModelError}: shape mismatch"), result);
    }

    [Fact]
    public void AfterDisposeTheTemplateIsShownAndTheModelIsFreed()
    {
        var generator = FakeGenerator.Answering("anything");
        var rephraser = new OnnxRephraser(generator, Roomy);
        rephraser.Dispose();

        Assert.Equal(FallbackReasons.Disposed, rephraser.Rephrase(Template, Instruction, _ => true).FallbackReason);
        Assert.True(generator.Disposed);
        Assert.Equal(0, generator.Calls);
    }

    [Fact]
    public void TheDefaultsAreASmallBudget()
    {
        var options = new RephraserOptions();

        Assert.Equal(48, options.MaxNewTokens);
        Assert.Equal(TimeSpan.FromSeconds(2), options.TimeLimit);
        Assert.Null(options.ModelFolder);
    }

    [Fact]
    public void OptionsAreReadFromTheExplainKeys()
    {
        var settings = new Dictionary<string, string>
        {
            ["Explain:ModelFolder"] = "/var/lib/bitgridai/model",
            ["Explain:MaxNewTokens"] = "32",
            ["Explain:TimeLimit"] = "1.5",
        };

        var options = RephraserOptions.FromSettings(key => settings.GetValueOrDefault(key));

        Assert.Equal(new RephraserOptions { ModelFolder = "/var/lib/bitgridai/model", MaxNewTokens = 32, TimeLimit = TimeSpan.FromSeconds(1.5) }, options);
        Assert.Equal(TimeSpan.FromSeconds(3), RephraserOptions.FromSettings(key => key == "Explain:TimeLimit" ? "00:00:03" : null).TimeLimit);
        Assert.Throws<FormatException>(() => RephraserOptions.FromSettings(key => key == "Explain:MaxNewTokens" ? "many" : null));
    }
}
