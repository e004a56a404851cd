namespace BitGridAI.Cli.Tests.Remote;

/// <summary>A canned answer: a status, a body and its content type; <see cref="Hang"/> never answers at all.</summary>
internal sealed record Canned(int Status, string Body, string ContentType = "application/json; charset=utf-8")
{
    public string Reason { get; init; } = "Canned";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public bool Hang { get; init; }

    public static Canned Json(string body, int status = 200) => new(status, body);

    /// <summary>An error as the silo sends it: application/problem+json with type, title, status, detail and maybe errors.</summary>
    public static Canned Problem(int status, string title, string detail, string? errors = null) => new(status,
        $$"""{"type":"https://bitgrid.local/problems/{{status}}","title":"{{title}}","status":{{status}},"detail":"{{detail}}","instance":"/api/v1/x"{{(errors is null ? "" : $",\"errors\":{errors}")}}}""",
        "application/problem+json");
}
