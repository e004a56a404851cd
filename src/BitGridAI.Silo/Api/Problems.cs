using System.Text.Json;

namespace BitGridAI.Silo.Api;

/// <summary>Errors as RFC 9457 Problem Details (<c>application/problem+json</c>): type, title, status, detail, and errors for validation.</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static Task Write(HttpContext context, int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Items[ControlAudit.DetailKey] = detail;
        return context.Response.WriteAsync(Json(status, title, detail, errors, context.Request.Path));
    }

    public static IResult Result(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new ProblemResult(status, title, detail, errors);

    public static IResult Validation(string field, string message) =>
        Result(StatusCodes.Status400BadRequest, "Invalid request", $"{field}: {message}", new Dictionary<string, string[]> { [field] = [message] });

    private static string Json(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors, string instance)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("type", $"https://bitgrid.local/problems/{status}");
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            json.WriteString("instance", instance);
            if (errors is { Count: > 0 })
            {
                json.WriteStartObject("errors");
                foreach (var (field, messages) in errors)
                {
                    json.WriteStartArray(field);
                    foreach (var message in messages)
                    {
                        json.WriteStringValue(message);
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class ProblemResult(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => Write(httpContext, status, title, detail, errors);
    }
}
