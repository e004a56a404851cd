namespace BitGridAI.Cli.Tests.Remote;

/// <summary>A request as the fake silo got it.</summary>
internal sealed record SeenRequest(string Method, string Target, string? Authorization, string? ContentType, string Body);
