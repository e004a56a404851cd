namespace BitGridAI.Simulator.Protocols;

/// <summary>One HTTP request as the simulated web servers need it: method, path without query, UTF-8 body, and whether the connection stays open.</summary>
internal sealed record HttpRequestLine(string Method, string Path, string Body, bool KeepAlive);
