namespace BitGridAI.Storage.Export;

/// <summary>
/// What to export: records with a time in [<see cref="From"/>, <see cref="To"/>) (null: from the log's start, up to
/// now), into a new <c>export-&lt;time&gt;</c> directory under <see cref="OutDir"/>.
/// </summary>
public sealed record ExportRequest(string OutDir, DateTimeOffset? From, DateTimeOffset? To, bool Anonymise, string RequestedBy);
