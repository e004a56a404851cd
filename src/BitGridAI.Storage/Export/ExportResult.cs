namespace BitGridAI.Storage.Export;

/// <summary>A written export: its directory, its manifest and the manifest's SHA-256 (hex), as the log's export record holds it.</summary>
public sealed record ExportResult(string Directory, ExportManifest Manifest, string ManifestSha256);
