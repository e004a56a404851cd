namespace BitGridAI.Storage.Mirror;

/// <summary>
/// What a verification of a target found: segments and their records (positions <see cref="FirstPosition"/>–
/// <see cref="LastPosition"/>), exports and their files, the first bad file (null: all good), and notes.
/// </summary>
public sealed record MirrorReport(
    int Segments,
    long Records,
    long FirstPosition,
    long LastPosition,
    int Exports,
    int ExportFiles,
    MirrorProblem? Problem,
    IReadOnlyList<string> Notes)
{
    public bool Intact => Problem is null;
}
