using System.Collections.Immutable;
using BitGridAI.Explain;
using BitGridAI.Explain.Rephrasing;
using BitGridAI.Grains.Abstractions;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace BitGridAI.Grains.Explaining;

/// <summary>
/// Subscribes implicitly to <c>decisions/{site}</c>, explains each decision in the configured language and persona
/// and keeps the recent ones (<see cref="ExplanationOptions.Kept"/>) with their block id; asked for a block in
/// another language or persona it explains the kept record again (the record holds everything the engine saw).
/// Explaining is pure and fast, so it never holds up the stream for long; it decides nothing.
/// </summary>
[ImplicitStreamSubscription(Streams.Decisions)]
internal sealed class ExplanationGrain(
    [PersistentState("explanations", "bitgrid")] IPersistentState<ExplanationGrainState> state,
    ISiteCatalog catalog,
    IOptions<ExplanationOptions> options,
    IEnumerable<OnnxRephraser> rephrasers) : Grain, IExplanationGrain, IStreamSubscriptionObserver, IAsyncObserver<DecisionRecord>
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<DecisionRecord>().ResumeAsync(this);

    public async Task OnNextAsync(DecisionRecord item, StreamSequenceToken? token = null)
    {
        // Published again after a crash: kept once.
        if (state.State.Recent.Any(k => k.Decision.Sequence == item.Sequence && k.Decision.MinerId == item.MinerId))
        {
            return;
        }
        var (language, persona, _) = ExplainOptions.Parse(options.Value.Language, options.Value.Persona);
        // The configured on-device model (if any) may reword the kept short text; only verified text is kept.
        var explained = Explain(item, language, persona, rephrasers.FirstOrDefault());
        state.State.Recent.Add(new KeptExplanation { Decision = item, ShortText = explained?.ShortText ?? item.Summary });
        if (state.State.Recent.Count > options.Value.Kept)
        {
            state.State.Recent.RemoveRange(0, state.State.Recent.Count - options.Value.Kept);
        }
        await state.WriteStateAsync();
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task<ImmutableArray<ExplanationView>> GetAsync(string blockId, string? language, string? persona)
    {
        var (lang, who, notes) = ExplainOptions.Parse(language ?? options.Value.Language, persona ?? options.Value.Persona);
        return Task.FromResult<ImmutableArray<ExplanationView>>([
            .. state.State.Recent.Where(k => k.Decision.BlockId == blockId).Select(k => View(k.Decision, lang, who, notes)).OfType<ExplanationView>()]);
    }

    /// <summary>The newest explanations in the configured language and persona, with the short text as kept (reworded by the model when it passed).</summary>
    public Task<ImmutableArray<ExplanationView>> GetRecentAsync(int count)
    {
        var (lang, who, notes) = ExplainOptions.Parse(options.Value.Language, options.Value.Persona);
        return Task.FromResult<ImmutableArray<ExplanationView>>([
            .. state.State.Recent.Skip(Math.Max(0, state.State.Recent.Count - count))
                .Select(k => View(k.Decision, lang, who, notes) is { } view ? view with { ShortText = k.ShortText } : null)
                .OfType<ExplanationView>()]);
    }

    public Task<ImmutableDictionary<long, string>> GetShortTextsAsync(int count)
    {
        var builder = ImmutableDictionary.CreateBuilder<long, string>();
        foreach (var kept in state.State.Recent.Skip(Math.Max(0, state.State.Recent.Count - count)))
        {
            builder[kept.Decision.Sequence] = kept.ShortText;
        }
        return Task.FromResult(builder.ToImmutable());
    }

    private ExplanationView? View(DecisionRecord record, Language language, Persona persona, IReadOnlyList<string> notes) =>
        Explain(record, language, persona) is { } e ? ExplanationViews.Of(record, e, notes) : null;

    private Explanation? Explain(DecisionRecord record, Language language, Persona persona, OnnxRephraser? rephraser = null)
    {
        var site = catalog.Get(this.GetPrimaryKeyString());
        var miner = site.Miners.FirstOrDefault(m => m.Id == record.MinerId);
        var config = miner is null ? site.Engine : site.EngineFor(miner);
        return RecordedDecisionExplainer.Explain(record, config, language, persona, rephraser);
    }
}
