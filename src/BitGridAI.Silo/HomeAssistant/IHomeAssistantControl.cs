using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Silo.Api;

namespace BitGridAI.Silo.HomeAssistant;

/// <summary>What a Home Assistant command may do to the site, and where it is audited: <c>SiteControl</c> and the event log in the silo.</summary>
internal interface IHomeAssistantControl
{
    Task<string> SetAutonomyAsync(Caller caller, string autonomy);

    Task<OverrideResult> SetOverrideAsync(Caller caller, string action, double durationMin, string reason);

    Task ClearOverrideAsync(Caller caller);

    Task EmergencyStopAsync(Caller caller);

    /// <summary>Clears every miner's emergency stop; false (and nothing done) when no miner is held by one.</summary>
    Task<bool> AcknowledgeEmergencyStopAsync(Caller caller);

    /// <summary>Writes a control request to the site's event log.</summary>
    Task AuditAsync(ControlBody request);
}
