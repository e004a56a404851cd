namespace BitGridAI.Silo.Dashboard;

/// <summary>
/// The dashboard's own words in one language (explanations come from the Explain project). Every text is required, so
/// a language that misses one does not compile.
/// </summary>
internal sealed partial record UiText
{
    public static UiText For(Explain.Language language) => language == Explain.Language.German ? German : English;

    public required string LoginTitle { get; init; }
    public required string LoginHint { get; init; }
    public required string TokenLabel { get; init; }
    public required string LogInButton { get; init; }
    public required string LoginFailed { get; init; }
    public required string LogOutButton { get; init; }
    public required string SignedInAs { get; init; }
    public required string ReadOnly { get; init; }
    public required string Connecting { get; init; }

    public required string TabOverview { get; init; }
    public required string TabKpis { get; init; }
    public required string TabGrains { get; init; }
    public required string ClusterStatistics { get; init; }
    public required string SiteTime { get; init; }
    public required string Health { get; init; }

    public required string Flows { get; init; }
    public required string Pv { get; init; }
    public required string House { get; init; }
    public required string Battery { get; init; }
    public required string Grid { get; init; }
    public required string Miners { get; init; }
    public required string Surplus { get; init; }
    public required string Charging { get; init; }
    public required string Discharging { get; init; }
    public required string Importing { get; init; }
    public required string Exporting { get; init; }

    public required string Mode { get; init; }
    public required string Power { get; init; }
    public required string Temperature { get; init; }
    public required string Hashrate { get; init; }
    public required string Commanded { get; init; }
    public required string Confirmed { get; init; }
    public required string Lockout { get; init; }
    public required string NoLockout { get; init; }
    public required string EmergencyStopped { get; init; }
    public required string RelayOpen { get; init; }
    public required string Fault { get; init; }
    public required string LastDecision { get; init; }

    public required string Timeline { get; init; }
    public required string NoDecisions { get; init; }
    public required string Explanation { get; init; }
    public required string Close { get; init; }
    public required string Language { get; init; }
    public required string Persona { get; init; }
    public required string Trigger { get; init; }
    public required string DataBasis { get; init; }
    public required string Effect { get; init; }
    public required string Options { get; init; }
    public required string Counterfactuals { get; init; }
    public required string Notes { get; init; }
    public required string HeldBack { get; init; }
    public required string OverruledOverride { get; init; }
    public required string Missing { get; init; }
    public required string Parameters { get; init; }
    public required string NoExplanation { get; init; }
    public required string Loading { get; init; }

    public required string Override { get; init; }
    public required string Action { get; init; }
    public required string Minutes { get; init; }
    public required string Reason { get; init; }
    public required string Miner { get; init; }
    public required string AllMiners { get; init; }
    public required string SetOverride { get; init; }
    public required string ClearOverride { get; init; }
    public required string NoOverride { get; init; }
    public required string Remaining { get; init; }
    public required string By { get; init; }

    public required string Autonomy { get; init; }
    public required string AutonomyFull { get; init; }
    public required string AutonomySemi { get; init; }
    public required string AutonomyManual { get; init; }
    public required string SuggestedStops { get; init; }
    public required string NoSuggestedStops { get; init; }
    public required string PrepareStop { get; init; }

    public required string Emergency { get; init; }
    public required string EmergencyStop { get; init; }
    public required string Acknowledge { get; init; }
    public required string EmergencyActive { get; init; }
    public required string EmergencyHint { get; init; }

    public required string Kpis { get; init; }
    public required string Day { get; init; }
    public required string Week { get; init; }
    public required string PvKwh { get; init; }
    public required string MinerKwh { get; init; }
    public required string ExportKwh { get; init; }
    public required string NoKpis { get; init; }
    public required string Refresh { get; init; }

    public required string Grains { get; init; }
    public required string Activations { get; init; }
    public required string State { get; init; }
    public required string PickGrain { get; init; }
    public required string NoState { get; init; }

    public required string Done { get; init; }
    public required string Refused { get; init; }
}
