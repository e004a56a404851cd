using System.Text;
using System.Text.Json.Nodes;
using BitGridAI.Adapters.Tests;
using BitGridAI.Domain.Decisions;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Simulator.Tests;

/// <summary>
/// A snapshot file as a crash, a disk or a person may leave it — cut short, bytes flipped, values swapped for
/// other types, out of range or absurd, members missing: loading it never throws. It restores a state the
/// site can run on (SoC within 0–100, every reading finite), or it is refused with a reason and the site stays
/// fresh.
/// </summary>
public sealed class SimulatedSiteSnapshotPropertyTests
{
    private static readonly DateTimeOffset JuneMorning = new(2026, 6, 21, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Values that break one rule or sit on its edge, for any place in the file.</summary>
    private static readonly string[] Values =
    [
        "-1", "0", "-0.0001", "100", "100.0001", "150", "1e12", "1.1e12", "1e308", "-50", "-50.1", "200", "200.1", "0.1", "0.09",
        "2", "366", "367", "-2", "null", "\"x\"", "\"\"", "true", "[]", "{}", "[null]", "\"none\"", "\"super\"", "\"standard\"",
        "\"2026-06-21T06:00:00+00:00\"", "\"2026-06-19T06:00:00+00:00\"", "\"2099-01-01T00:00:00+00:00\"", "\"not a time\"",
        "{\"id\":\"miner-1\",\"mode\":\"eco\",\"chip_c\":70,\"power_cut\":false,\"mining_since\":null,\"fan_failed_until\":null}",
    ];

    [Fact]
    public void AnySnapshotFileRestoresARunnableSiteOrIsRefusedWithAReason()
    {
        var valid = ValidFiles();
        var structural = Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Select(Gen.Int[0, 1 << 20], Gen.Int[0, Values.Length], Gen.Double[-1e4, 1e4]).Array[1, 4])
            .Select((i, edits) => edits.Aggregate(valid[i], Edit));
        var bytes = Mutations.Of(valid).Select(b => Encoding.UTF8.GetString(b));
        int restored = 0, refused = 0;

        Gen.Select(Gen.Frequency((3, structural), (2, bytes)), Gen.Int[0, 7200]).Sample((json, seconds) =>
        {
            var clock = new FakeTimeProvider(JuneMorning.AddHours(2).AddSeconds(seconds));
            var site = new SimulatedSite(new SimulatedSiteOptions(), clock);

            if (SimulatedSiteSnapshotJson.TryRead(json, out var snapshot, out var problem) && site.TryRestore(snapshot, out problem))
            {
                Interlocked.Increment(ref restored);
                AssertRunnable(site, json); // as restored
                clock.Advance(TimeSpan.FromMinutes(30));
                AssertRunnable(site, json); // and run on from there
            }
            else
            {
                Interlocked.Increment(ref refused);
                Assert.False(string.IsNullOrWhiteSpace(problem));
                Assert.Equal(60, site.ReadNow().SocPct);
            }
        }, iter: 3000);

        // Both ways out are taken, or the generators miss what the loader has to tell apart.
        Assert.True(restored > 100 && refused > 100, $"{restored} restored, {refused} refused");
    }

    private static void AssertRunnable(SimulatedSite site, string json)
    {
        var now = site.ReadNow();
        Assert.InRange(now.SocPct, 0, 100);
        Assert.All(new[] { now.PvW, now.HouseW, now.BatteryW, now.ImportW, now.ExportW, now.PvEnergyWh, now.ImportedWh, now.ExportedWh },
            v => Assert.True(double.IsFinite(v), json));
        var miner = site.ReadMinerNow("miner-1");
        Assert.InRange(miner.ChipC, SimulatedSiteSnapshot.ColdestChipC, SimulatedSiteSnapshot.HottestChipC);
        Assert.True(miner.Powered || miner.Mode == MinerMode.None, "a miner without power mines");
    }

    /// <summary>Snapshots of a morning: the miner stopped and cool, hashing hot behind a dead fan, and cut off by its relay.</summary>
    private static string[] ValidFiles()
    {
        var clock = new FakeTimeProvider(JuneMorning);
        var site = new SimulatedSite(new SimulatedSiteOptions { FanFailuresPerDay = 0, CommLossesPerDay = 0 }, clock);
        clock.Advance(TimeSpan.FromHours(1));
        var cool = SimulatedSiteSnapshotJson.Write(site.Snapshot());
        site.SetMinerMode("miner-1", MinerMode.Super);
        site.FailFan("miner-1", TimeSpan.FromHours(2));
        clock.Advance(TimeSpan.FromMinutes(50));
        var hot = SimulatedSiteSnapshotJson.Write(site.Snapshot());
        site.SwitchAsync("plug-1", on: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        clock.Advance(TimeSpan.FromMinutes(5));
        return [cool, hot, SimulatedSiteSnapshotJson.Write(site.Snapshot())];
    }

    /// <summary>One place in the file (any member or array item) gets another value, a random number, or goes.</summary>
    private static string Edit(string json, (int At, int With, double Number) edit)
    {
        var root = JsonNode.Parse(json);
        var places = root is null ? [] : Descendants(root).ToList();
        if (places.Count == 0)
        {
            return json; // an earlier edit left nothing inside to change
        }
        var place = places[edit.At % places.Count];
        var value = edit.With == Values.Length ? JsonValue.Create(edit.Number) : JsonNode.Parse(Values[edit.With]);
        if (place.Parent is JsonObject members && edit.With % 7 == 0)
        {
            members.Remove(place.GetPropertyName());
        }
        else
        {
            place.ReplaceWith(value);
        }
        return root!.ToJsonString();
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject members => members.Select(m => m.Value),
            JsonArray items => items,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            yield return child;
            foreach (var below in Descendants(child))
            {
                yield return below;
            }
        }
    }
}
