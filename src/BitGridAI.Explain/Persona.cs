namespace BitGridAI.Explain;

/// <summary>Who reads the explanation: the energy-minded owner (default), the one who wants the heat, the technician.</summary>
public enum Persona
{
    Energy = 0,
    Heat = 1,
    Tech = 2,
}
