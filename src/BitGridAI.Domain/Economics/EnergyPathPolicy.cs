namespace BitGridAI.Domain.Economics;

/// <summary>
/// How a site chooses between mining its surplus and exporting it (config <c>Site:Economics:Policy</c>). The first
/// member is the default on purpose: a site that configures nothing mines its surplus, as it did before the policy
/// existed, so there is no Unknown member that would need its own meaning.
/// </summary>
public enum EnergyPathPolicy
{
    /// <summary><c>self_consumption_first</c>: mine the surplus rather than export it, whatever the prices say.</summary>
    SelfConsumptionFirst = 0,

    /// <summary><c>max_value</c>: mine only while mining plus heat is known to be worth at least what the export would earn.</summary>
    MaxValue = 1,
}
