using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Site;

/// <summary>
/// One block of a site. Orleans runs one call at a time per grain, so the first record offered is
/// stored and every later offer gets that record back: finalized exactly once, never rewritten.
/// </summary>
internal sealed class SchedulerBlockGrain(
    [PersistentState("block", "bitgrid")] IPersistentState<SchedulerBlockGrainState> state) : Grain, ISchedulerBlockGrain
{
    public async Task<BlockRecord> FinalizeAsync(BlockRecord record)
    {
        if (state.State.Record is { } final)
        {
            return final;
        }
        state.State.Record = record;
        await state.WriteStateAsync();
        return record;
    }

    public Task<BlockRecord?> GetRecordAsync() => Task.FromResult(state.State.Record);
}
