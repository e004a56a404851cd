using BitGridAI.Storage.Postgres;
using Npgsql;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// Cluster mode: asks PostgreSQL every two seconds whether it answers, for <c>/health</c>. While it does not, control
/// and safety go on from memory (grain writes that fail are logged and retried by the next write; the event log keeps
/// its records waiting), so health says "error": nothing is being stored, and a silo lost now loses what is unstored.
/// </summary>
internal sealed partial class DatabasePulse(PostgresDatabase database, TimeProvider time, ILogger<DatabasePulse> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private volatile string? _error;
    private DateTimeOffset? _since;

    /// <summary>Null while PostgreSQL answers; else why not and since when.</summary>
    public string? Error => _error;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(Interval);
                await connection.OpenAsync(timeout.Token);
                await using var ping = new NpgsqlCommand("SELECT 1;", connection);
                await ping.ExecuteScalarAsync(timeout.Token);
                if (_error is not null)
                {
                    Back(logger, database.Endpoint, _since!.Value);
                    (_error, _since) = (null, null);
                }
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException or System.Net.Sockets.SocketException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                _since ??= time.GetUtcNow();
                if (_error is null)
                {
                    Lost(logger, database.Endpoint, e.Message);
                }
                _error = $"PostgreSQL at {database.Endpoint} does not answer since {_since:HH:mm:ss}Z ({e.Message}); control and safety go on from memory, nothing is stored";
            }
        }
        while (await PeriodicTicks.NextAsync(timer, stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "cluster: PostgreSQL at {Endpoint} does not answer ({Reason}); control and safety go on from memory")]
    private static partial void Lost(ILogger logger, string endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster: PostgreSQL at {Endpoint} answers again (lost since {Since:HH:mm:ss}Z); storing resumes")]
    private static partial void Back(ILogger logger, string endpoint, DateTimeOffset since);
}
