using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>One 10-minute block of a site (key: <c>{site}/{block_id}</c>): finalized once, then an immutable audit record.</summary>
public interface ISchedulerBlockGrain : IGrainWithStringKey
{
    /// <summary>Stores the record if the block is still open and returns the final record: the first one offered wins.</summary>
    Task<BlockRecord> FinalizeAsync(BlockRecord record);

    /// <summary>The final record, or null while the block is open.</summary>
    Task<BlockRecord?> GetRecordAsync();
}
