using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage;
using BitGridAI.Storage.EventLog;
using Microsoft.Data.Sqlite;

namespace BitGridAI.Silo.Tests;

/// <summary>
/// The silo is killed (SIGKILL: a power cut, the OOM killer) at random moments, again and again, on one data
/// directory. After every kill the chain verifies, SQLite finds the file intact (no partial record), and every
/// decision the silo had printed — it prints a decision once the log holds it — is in the log.
/// </summary>
public sealed class EventLogCrashTests : IDisposable
{
    private const int Kills = 21;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("bitgrid-crash-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task KilledAtRandomMomentsTheLogKeepsEveryAcknowledgedRecordAndItsChain()
    {
        var random = new Random(20261129);
        var printed = new HashSet<string>(StringComparer.Ordinal);
        var killsAfterAWrite = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            await using (var silo = SiloProcess.Start(_dataDir))
            {
                // Half the kills land while the silo starts (or before its first decision), half while it decides.
                if (kill % 2 == 1)
                {
                    await silo.WaitForAsync(s => s.BlockLines.Count > 0, TimeSpan.FromSeconds(60), $"a first decision in run {kill}");
                }
                await Task.Delay(random.Next(100, 1500));
                await silo.KillAsync(TimeSpan.FromSeconds(10));
                var lines = silo.BlockLines;
                killsAfterAWrite += lines.Count > 0 ? 1 : 0;
                printed.UnionWith(lines.Select(Acknowledged));
            }

            var store = new EventLogStore(new SqliteDatabase(EventLogStore.PathIn(_dataDir)));
            var report = ChainVerifier.Verify(store);
            Assert.True(report.Intact, $"after kill {kill}: {report.FirstBreak?.Reason} at record {report.FirstBreak?.Position}");
            Assert.Equal("ok", IntegrityCheck(store));
            var logged = store.Read([LogKinds.Decision, LogKinds.Safety], null, null).Select(r => DecisionKey(r.Body)).ToHashSet(StringComparer.Ordinal);
            var lost = printed.Where(p => !logged.Contains(p)).ToList();
            Assert.True(lost.Count == 0, $"after kill {kill}, printed but not in the log: {string.Join(", ", lost)}");
            SqliteConnection.ClearAllPools();
        }
        Assert.True(killsAfterAWrite >= Kills / 2, $"only {killsAfterAWrite} kills came after a recorded decision");
        Assert.True(printed.Count >= Kills / 2, $"only {printed.Count} decisions were recorded across {Kills} runs");
    }

    /// <summary>"block &lt;block_id&gt; &lt;code&gt; [miner] …" → "block_id code miner": the miner too, since several miners may get the same code in a block.</summary>
    private static string Acknowledged(string line)
    {
        var parts = line.Split(' ', 4);
        var miner = parts[3].StartsWith('[') ? parts[3][1..parts[3].IndexOf(']', StringComparison.Ordinal)] : "";
        return $"{parts[1]} {parts[2]} {miner}";
    }

    private static string DecisionKey(string body)
    {
        var decision = System.Text.Json.JsonSerializer.Deserialize(body, LogJson.Default.DecisionRecord)!;
        return $"{decision.BlockId} {decision.DecisionCode} {decision.MinerId}";
    }

    private static string IntegrityCheck(EventLogStore store)
    {
        using var connection = store.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }
}
