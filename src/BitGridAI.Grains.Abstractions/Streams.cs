namespace BitGridAI.Grains.Abstractions;

/// <summary>Names of the Orleans streams: decisions flow on <c>decisions/{site}</c>.</summary>
public static class Streams
{
    /// <summary>The stream provider registered by the silo.</summary>
    public const string Provider = "bitgrid";

    /// <summary>The namespace of the decision streams; the stream key is the site id.</summary>
    public const string Decisions = "decisions";
}
