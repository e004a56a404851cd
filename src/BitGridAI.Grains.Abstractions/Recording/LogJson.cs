using System.Text.Json;
using System.Text.Json.Serialization;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Recording;

/// <summary>
/// The JSON of event-log bodies: snake_case names, enums as text, nulls left out. Source-generated, so a body
/// always serializes the same way (its bytes are hashed into the chain) and reads fast (history replay).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(DecisionRecord))]
[JsonSerializable(typeof(BlockBody))]
[JsonSerializable(typeof(OverrideBody))]
[JsonSerializable(typeof(AutonomyBody))]
[JsonSerializable(typeof(ResearchBody))]
[JsonSerializable(typeof(ExportBody))]
[JsonSerializable(typeof(ControlBody))]
public sealed partial class LogJson : JsonSerializerContext
{
    public static string Write(DecisionRecord body) => JsonSerializer.Serialize(body, Default.DecisionRecord);

    public static string Write(BlockBody body) => JsonSerializer.Serialize(body, Default.BlockBody);

    public static string Write(OverrideBody body) => JsonSerializer.Serialize(body, Default.OverrideBody);

    public static string Write(AutonomyBody body) => JsonSerializer.Serialize(body, Default.AutonomyBody);

    public static string Write(ResearchBody body) => JsonSerializer.Serialize(body, Default.ResearchBody);

    public static string Write(ExportBody body) => JsonSerializer.Serialize(body, Default.ExportBody);

    /// <summary>A block record's body as written by <see cref="Write(BlockBody)"/>, or null when it cannot be read.</summary>
    public static BlockBody? ReadBlock(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, Default.BlockBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Write(ControlBody body) => JsonSerializer.Serialize(body, Default.ControlBody);
}
