using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitGridAI.Silo.Api;

/// <summary>
/// Reads a request body strictly: JSON only, snake_case field names, no unknown fields, at most 64 KiB. A bad body
/// becomes a 400 Problem Details naming what is wrong (the JSON path and why), never an exception.
/// </summary>
internal static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The body as <typeparamref name="T"/>, or the 400 answer saying why not; an empty body is <paramref name="empty"/> when given.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, T? empty = null) where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.Result(StatusCodes.Status413PayloadTooLarge, "Body too large", $"the body may be at most {MaxBytes} bytes"));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBytes)
                {
                    return (null, Problems.Result(StatusCodes.Status413PayloadTooLarge, "Body too large", $"the body may be at most {MaxBytes} bytes"));
                }
            }
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limit on a chunked body, or a broken one: the client's fault, said precisely.
            return (null, Problems.Result(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Body too large" : "Bad request",
                e.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"the body may be at most {MaxBytes} bytes" : e.Message));
        }
        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return empty is not null ? (empty, null) : (null, Problems.Validation("body", "a JSON object is required"));
        }
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Result(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"send application/json (got '{type}')"));
        }
        // The parser checks UTF-8 only where it reads a string as one; a string kept as a JsonElement (preview's config
        // values) would fail later, on first read, as a server error. Refuse it here, as the client's fault it is.
        if (!System.Text.Unicode.Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            return (null, Problems.Validation("body", "is not valid UTF-8"));
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.ToArray(), Options);
            return value is null ? (null, Problems.Validation("body", "a JSON object is required (got null)")) : (value, null);
        }
        catch (JsonException e)
        {
            var reason = Reason(e);
            // Broken JSON is the body's fault wherever the parser stopped; a wrong field is that field's.
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" || reason.StartsWith("is not valid JSON", StringComparison.Ordinal) ? "body" : e.Path.TrimStart('$', '.');
            return (null, Problems.Validation(path, reason));
        }
    }

    /// <summary>The parser's message without its .NET type names and positions, which mean nothing to an API user.</summary>
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "is not a known field";
        }
        if (message.Contains("missing required properties", StringComparison.Ordinal) || message.Contains("missing required", StringComparison.Ordinal))
        {
            return "a required field is missing: " + message[(message.IndexOf("including:", StringComparison.Ordinal) is var i and >= 0 ? i + 10 : 0)..].Trim().TrimEnd('.');
        }
        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "has the wrong type";
        }
        if (message.Contains("non-nullable", StringComparison.Ordinal) || message.Contains("null", StringComparison.Ordinal))
        {
            return "must not be null";
        }
        return "is not valid JSON" + (e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "");
    }
}
