using System.Collections.Concurrent;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Silo.Api;
using BitGridAI.Silo.HomeAssistant;

namespace BitGridAI.Silo.Tests.HomeAssistant;

/// <summary>The site as a Home Assistant command sees it, recording every call; it can be told to fail.</summary>
internal sealed class RecordingControl(bool failing = false, bool auditFails = false, bool emergencyStopHeld = true) : IHomeAssistantControl
{
    public ConcurrentQueue<string> Actions { get; } = new();

    public ConcurrentQueue<ControlBody> Audits { get; } = new();

    public Task<string> SetAutonomyAsync(Caller caller, string autonomy) => Act($"autonomy {autonomy}", autonomy);

    public Task<OverrideResult> SetOverrideAsync(Caller caller, string action, double durationMin, string reason) =>
        Act($"override {action} {durationMin}", new OverrideResult(true, null, new ActiveOverride(action, DateTimeOffset.UnixEpoch.AddMinutes(durationMin), caller.Name)));

    public Task ClearOverrideAsync(Caller caller) => Act("clear", true);

    public Task EmergencyStopAsync(Caller caller) => Act("emergency stop", true);

    public Task<bool> AcknowledgeEmergencyStopAsync(Caller caller) => emergencyStopHeld ? Act("acknowledge", true) : Task.FromResult(false);

    public Task AuditAsync(ControlBody request)
    {
        Audits.Enqueue(request);
        return auditFails ? Task.FromException(new InvalidOperationException("event log full")) : Task.CompletedTask;
    }

    private Task<T> Act<T>(string action, T result)
    {
        Actions.Enqueue(action);
        return failing ? Task.FromException<T>(new TimeoutException("the site grain did not answer")) : Task.FromResult(result);
    }
}
