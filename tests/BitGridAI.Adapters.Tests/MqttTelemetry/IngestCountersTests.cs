using BitGridAI.Adapters.Mqtt;
using Microsoft.Extensions.Logging;

namespace BitGridAI.Adapters.Tests;

public sealed class IngestCountersTests
{
    [Fact]
    public void ABadInputKindIsLoggedTheFirstTimeAndThenEveryNthTimePerDevice()
    {
        var log = new ListLogger();
        var counters = new IngestCounters(log, logEveryN: 100);

        for (var i = 0; i < 250; i++)
        {
            counters.Record("plug-1", IngestProblem.MalformedJson, "unexpected end");
        }
        counters.Record("plug-2", IngestProblem.MalformedJson, "unexpected end");
        counters.Record("plug-1", IngestProblem.WrongType, "got String");

        Assert.Equal(
            [
                "MQTT telemetry from plug-1: malformed_json (seen 1 times): unexpected end",
                "MQTT telemetry from plug-1: malformed_json (seen 100 times): unexpected end",
                "MQTT telemetry from plug-1: malformed_json (seen 200 times): unexpected end",
                "MQTT telemetry from plug-2: malformed_json (seen 1 times): unexpected end",
                "MQTT telemetry from plug-1: wrong_type (seen 1 times): got String",
            ],
            log.Lines);
        Assert.Equal(250, counters.Count("plug-1", IngestProblem.MalformedJson));
    }

    [Fact]
    public void RandomDeviceIdsCannotGrowTheCountersWithoutBound()
    {
        var counters = new IngestCounters(new ListLogger(), logEveryN: 1000);

        for (var i = 0; i < 5000; i++)
        {
            counters.Record($"ghost-{i}", IngestProblem.UnknownDevice, "no such device");
        }

        Assert.InRange(counters.Problems().Count, 1, 1001);
        Assert.Equal(5000, counters.Problems().Sum(p => p.Count));
        Assert.True(counters.Count(IngestCounters.OtherDevices, IngestProblem.UnknownDevice) >= 4000);
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
