using Npgsql;

namespace BitGridAI.Storage.Postgres;

/// <summary>
/// One site clock for a whole cluster: the first process of a cluster to start stores where site time stood at which
/// wall-clock instant and how fast it runs; every later silo and device simulator reads the same anchor, so they
/// all put a reading in the same 10-minute block. Table <c>bitgrid_cluster_clock</c>, one row per cluster id.
/// </summary>
public static class ClusterClockAnchor
{
    /// <summary>The cluster's anchor: stored now if it has none, else the stored one (whatever was asked).</summary>
    /// <param name="database">The cluster's database.</param>
    /// <param name="clusterId">The cluster (Silo:ClusterId).</param>
    /// <param name="siteStart">Site time at this moment, if this process is the first.</param>
    /// <param name="speed">Site seconds per real second, if this process is the first.</param>
    /// <param name="realNow">The wall clock now.</param>
    /// <param name="cancellationToken">Stops waiting for the server.</param>
    public static async Task<Anchor> AgreeAsync(PostgresDatabase database, string clusterId, DateTimeOffset siteStart, double speed,
        DateTimeOffset realNow, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("""
                CREATE TABLE IF NOT EXISTS bitgrid_cluster_clock
                (
                    cluster_id text PRIMARY KEY,
                    site_epoch timestamptz NOT NULL,
                    real_epoch timestamptz NOT NULL,
                    speed      double precision NOT NULL CHECK (speed >= 1)
                );
                INSERT INTO bitgrid_cluster_clock (cluster_id, site_epoch, real_epoch, speed) VALUES (@cluster, @site_epoch, @real_epoch, @speed)
                ON CONFLICT (cluster_id) DO NOTHING;
                SELECT site_epoch, real_epoch, speed FROM bitgrid_cluster_clock WHERE cluster_id = @cluster;
                """, connection);
            command.Parameters.AddWithValue("cluster", clusterId);
            command.Parameters.AddWithValue("site_epoch", siteStart.UtcDateTime);
            command.Parameters.AddWithValue("real_epoch", realNow.UtcDateTime);
            command.Parameters.AddWithValue("speed", speed);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new Anchor(
                new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero),
                new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero),
                reader.GetDouble(2));
        }
        catch (Exception e) when (PostgresDatabase.IsUnreachable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new PostgresUnreachableException(database.Endpoint, $"PostgreSQL is unreachable at {database.Endpoint}: {PostgresDatabase.Reason(e)}", e);
        }
        catch (NpgsqlException e)
        {
            throw new StorageException($"PostgreSQL at {database.Endpoint}: cannot read the cluster clock: {e.Message}", e);
        }
    }

    /// <summary>Site time <see cref="SiteEpoch"/> at wall-clock <see cref="RealEpoch"/>, running × <see cref="Speed"/>.</summary>
    public sealed record Anchor(DateTimeOffset SiteEpoch, DateTimeOffset RealEpoch, double Speed);
}
