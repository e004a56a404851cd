namespace BitGridAI.Adapters.Mqtt;

/// <summary>The snake_case names of <see cref="IngestProblem"/> used in counters, logs and the status API.</summary>
public static class IngestProblems
{
    public static string Name(IngestProblem problem) => problem switch
    {
        IngestProblem.MalformedJson => "malformed_json",
        IngestProblem.Oversized => "oversized",
        IngestProblem.WrongType => "wrong_type",
        IngestProblem.MissingPath => "missing_path",
        IngestProblem.NotFinite => "not_finite",
        IngestProblem.UnknownSignal => "unknown_signal",
        IngestProblem.BadTimestamp => "bad_timestamp",
        IngestProblem.UnknownTopic => "unknown_topic",
        IngestProblem.UnknownDevice => "unknown_device",
        IngestProblem.DroppedBackpressure => "dropped_backpressure",
        IngestProblem.SinkFailed => "sink_failed",
        IngestProblem.RefusedDevice => "refused_device",
        IngestProblem.RefusedSignal => "refused_signal",
        IngestProblem.StaleRetained => "stale_retained",
        _ => "unknown",
    };
}
