namespace BitGridAI.Domain.Decisions;

/// <summary>Which R1 rule proposes.</summary>
public enum Strategy
{
    /// <summary>Not configured: treated as <see cref="Surplus"/>, the default.</summary>
    Unknown = 0,
    /// <summary>Run on PV surplus (default).</summary>
    Surplus = 1,
    /// <summary>Run by battery state-of-charge bands.</summary>
    SocBand = 2,
}
