using System.Text.Json.Serialization;

namespace BitGridAI.Storage.Mirror;

/// <summary>The state file's JSON: snake_case, indented so a person can read what was sent.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(MirrorState))]
internal sealed partial class MirrorStateJson : JsonSerializerContext;
