using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Silo.Api;
using BitGridAI.Silo.Control;

namespace BitGridAI.Silo.HomeAssistant;

/// <summary>Home Assistant's commands through <see cref="SiteControl"/>, as the API and the dashboard do them; the audit goes to the site's recorder.</summary>
internal sealed class SiteControlCommands(SiteControl control, IGrainFactory grains, SiteClock clock) : IHomeAssistantControl
{
    public Task<string> SetAutonomyAsync(Caller caller, string autonomy) => control.SetAutonomyAsync(caller, autonomy);

    public Task<OverrideResult> SetOverrideAsync(Caller caller, string action, double durationMin, string reason) =>
        control.SetOverrideAsync(caller, action, durationMin, reason, miner: null);

    public Task ClearOverrideAsync(Caller caller) => control.ClearOverrideAsync(caller, miner: null);

    public Task EmergencyStopAsync(Caller caller) => control.EmergencyStopAsync(caller);

    public async Task<bool> AcknowledgeEmergencyStopAsync(Caller caller)
    {
        if ((await control.GetSiteAsync()).Miners.All(m => !m.EmergencyStop))
        {
            return false;
        }
        await control.AcknowledgeEmergencyStopAsync(caller);
        return true;
    }

    public Task AuditAsync(ControlBody request) =>
        grains.GetGrain<IRecorderGrain>(control.Site.Id).RecordAsync(LogEntries.Of(control.Site.Id, clock.Now, request));
}
