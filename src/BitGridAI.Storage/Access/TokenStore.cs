using System.Security.Cryptography;
using System.Text;
using BitGridAI.Storage.EventLog;
using Microsoft.Data.Sqlite;

namespace BitGridAI.Storage.Access;

/// <summary>A token as the store knows it: its name, role and when it was made or revoked — never the token itself.</summary>
public sealed record ApiToken(string Name, ApiRole Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>When the token stops opening anything by itself, or null for a token that lasts until revoked.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>
/// The API's bearer tokens in <c>{data}/access.db</c>. A token is 32 random bytes (base64url, prefixed <c>bgt_</c>)
/// shown once when made; the file keeps only its SHA-256, so a copy of the file lets nobody in. A token is high
/// entropy, so its hash needs no salt or slow hashing, and looking it up by hash leaks nothing about other tokens.
/// </summary>
public sealed class TokenStore
{
    public const string Prefix = "bgt_";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public TokenStore(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
        database.Apply("access.sql");
        AddExpiryColumn();
    }

    /// <summary>Stores made before tokens could expire get the column (SQLite has no ADD COLUMN IF NOT EXISTS).</summary>
    private void AddExpiryColumn()
    {
        using var connection = _database.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "SELECT COUNT(*) FROM pragma_table_info('api_token') WHERE name = 'expires_at';";
        if ((long)check.ExecuteScalar()! == 0)
        {
            using var alter = connection.CreateCommand();
            alter.CommandText = "ALTER TABLE api_token ADD COLUMN expires_at TEXT;";
            alter.ExecuteNonQuery();
        }
    }

    public static string PathIn(string dataDir) => Path.Combine(dataDir, "access.db");

    /// <summary>
    /// The first start's admin token: made only when the store holds no token at all (so never twice, and never after
    /// a person removed the first one and made others). Null when tokens exist.
    /// </summary>
    public string? CreateFirstAdmin()
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT COUNT(*) FROM api_token;";
            if ((long)count.ExecuteScalar()! > 0)
            {
                return null;
            }
        }
        var token = Insert(connection, "admin", ApiRole.Admin, null);
        transaction.Commit();
        return token;
    }

    /// <summary>
    /// Makes a token, valid until revoked or for <paramref name="validFor"/>; returns it (shown once). A name in use is
    /// an <see cref="ArgumentException"/> naming it.
    /// </summary>
    public string Create(string name, ApiRole role, TimeSpan? validFor = null)
    {
        if (validFor is { } span && (span <= TimeSpan.Zero || span > TimeSpan.FromDays(3650)))
        {
            throw new ArgumentException($"token lifetime: more than 0 and at most 3650 days (got {span.TotalDays} days)", nameof(validFor));
        }
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || name.Any(char.IsControl))
        {
            throw new ArgumentException($"token name: 1 to 64 printable characters (got '{name}')", nameof(name));
        }
        using var connection = _database.Open();
        try
        {
            return Insert(connection, name, role, validFor);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new ArgumentException($"token name: '{name}' is taken (revoke it or pick another name)", nameof(name), e);
        }
    }

    /// <summary>The live token <paramref name="token"/> names, or null (unknown, malformed, revoked or expired).</summary>
    public ApiToken? Find(string? token)
    {
        if (string.IsNullOrEmpty(token) || !token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 128)
        {
            return null;
        }
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, role, created_at, revoked_at, expires_at FROM api_token WHERE token_hash = $hash AND revoked_at IS NULL;";
        command.Parameters.AddWithValue("$hash", HashOf(token));
        using var reader = command.ExecuteReader();
        return reader.Read() && Read(reader) is var found && !(found.ExpiresAt <= _time.GetUtcNow()) ? found : null;
    }

    public IReadOnlyList<ApiToken> List()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, role, created_at, revoked_at, expires_at FROM api_token ORDER BY created_at, name;";
        using var reader = command.ExecuteReader();
        var tokens = new List<ApiToken>();
        while (reader.Read())
        {
            tokens.Add(Read(reader));
        }
        return tokens;
    }

    /// <summary>Revokes the named token at once; false when no live token has that name.</summary>
    public bool Revoke(string name)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_token SET revoked_at = $at WHERE name = $name AND revoked_at IS NULL;";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$at", LogTime.Format(_time.GetUtcNow()));
        return command.ExecuteNonQuery() == 1;
    }

    private string Insert(SqliteConnection connection, string name, ApiRole role, TimeSpan? validFor)
    {
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO api_token (name, role, token_hash, created_at, expires_at) VALUES ($name, $role, $hash, $at, $expires);";
        insert.Parameters.AddWithValue("$expires", validFor is { } span ? LogTime.Format(_time.GetUtcNow() + span) : DBNull.Value);
        insert.Parameters.AddWithValue("$name", name);
        insert.Parameters.AddWithValue("$role", ApiRoles.Name(role));
        insert.Parameters.AddWithValue("$hash", HashOf(token));
        insert.Parameters.AddWithValue("$at", LogTime.Format(_time.GetUtcNow()));
        insert.ExecuteNonQuery();
        return token;
    }

    private static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static ApiToken Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        ApiRoles.Parse(reader.GetString(1)) ?? ApiRole.Viewer,
        LogTime.Parse(reader.GetString(2)),
        reader.IsDBNull(3) ? null : LogTime.Parse(reader.GetString(3)))
    {
        ExpiresAt = reader.IsDBNull(4) ? null : LogTime.Parse(reader.GetString(4)),
    };
}
