// These tests start real peers as processes (one of them on libmodbus' fixed port 1502) and time their
// replies: run them one after another so a busy thread pool cannot skew a timeout.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
