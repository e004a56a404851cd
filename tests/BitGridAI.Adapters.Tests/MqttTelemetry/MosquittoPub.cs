using System.Diagnostics;
using System.Globalization;

namespace BitGridAI.Adapters.Tests;

/// <summary>mosquitto_pub as the independent publisher: one process per message, so messages arrive in the order sent.</summary>
internal static class MosquittoPub
{
    public static void Publish(int port, string topic, string payload, bool retain = false)
    {
        // An explicit client id: the embedded MQTTnet broker rejects the empty one mosquitto_pub would send.
        var args = new List<string> { "-i", "test-pub-" + Guid.NewGuid().ToString("N")[..8], "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-t", topic, "-m", payload, "-q", "1" };
        if (retain)
        {
            args.Add("-r");
        }
        using var pub = Process.Start(new ProcessStartInfo("mosquitto_pub", args) { RedirectStandardError = true })!;
        if (!pub.WaitForExit(10_000) || pub.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_pub to {topic} failed: {pub.StandardError.ReadToEnd()}");
        }
    }
}
