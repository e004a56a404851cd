namespace BitGridAI.Storage.Postgres;

/// <summary>PostgreSQL did not answer at <see cref="Endpoint"/> (refused, unknown host, timeout); the message names it and why.</summary>
public sealed class PostgresUnreachableException(string endpoint, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>host:port as configured.</summary>
    public string Endpoint { get; } = endpoint;
}
