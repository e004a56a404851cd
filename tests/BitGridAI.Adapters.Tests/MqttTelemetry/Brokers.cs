namespace BitGridAI.Adapters.Tests;

/// <summary>The two brokers the adapter must work with: the silo's embedded MQTTnet broker and mosquitto.</summary>
internal static class Brokers
{
    public const string Mosquitto = "mosquitto";
    public const string Embedded = "embedded";

    public static ITestBroker Start(string kind) => kind switch
    {
        Mosquitto => new Mosquitto(),
        Embedded => new EmbeddedBroker(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "mosquitto or embedded"),
    };
}
