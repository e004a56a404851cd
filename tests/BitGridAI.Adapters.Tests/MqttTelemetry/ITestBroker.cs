namespace BitGridAI.Adapters.Tests;

/// <summary>A real MQTT broker on a free loopback port that a test can stop and start again on the same port.</summary>
internal interface ITestBroker : IDisposable
{
    int Port { get; }

    void Start();

    void Stop();
}
