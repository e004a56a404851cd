using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Grains.Devices;

/// <summary>
/// Why a device call failed, in the words a device grain counts (timeout, connection, miner_api, …). Anything a
/// device or its port throws becomes one: a device error is a counted failure, never a failed grain call.
/// </summary>
[GenerateSerializer, Immutable, Alias("bitgrid.DeviceFailure")]
internal sealed record DeviceFailure([property: Id(0)] string Kind, [property: Id(1)] string Message)
{
    /// <summary>Our own cancellation (a STOP replaced the call, or the grain is going away): not the device's fault.</summary>
    public const string Cancelled = "cancelled";

    public static DeviceFailure From(Exception e) => e switch
    {
        DeviceUnreachableException unreachable => new(unreachable.Kind, unreachable.Message),
        OperationCanceledException => new(Cancelled, "cancelled"),
        _ => new("device_error", $"{e.GetType().Name}: {e.Message}"),
    };
}
