using System.Diagnostics;
using BitGridAI.Adapters.Modbus;
using BitGridAI.Adapters.SunSpec;
using BitGridAI.Silo.Hosting;
using BitGridAI.Simulator;

namespace BitGridAI.Silo.Tests;

/// <summary>
/// The real silo stopped and started again on the same data directory: the simulated battery and the devices'
/// energy counters continue where they were, read as anyone reads them, over the simulator's SunSpec server.
/// </summary>
public sealed class SimulatedSiteRestartTests : IDisposable
{
    /// <summary>Far from where a morning at ×600 takes the battery, so a fresh battery cannot pass for a continued one.</summary>
    private const double InitialSocPct = 30;
    private const int BatteryUnit = 3, InverterUnit = 1;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "bitgrid-site-restart-" + Guid.NewGuid().ToString("N"));

    private string SiteFile => Path.Combine(_dataDir, SimulatedSiteStore.FileName);

    [Fact]
    public async Task AfterACleanStopTheBatteryAndEnergyCountersContinueFromWhereTheyStopped()
    {
        await using (var first = StartSilo())
        {
            await first.WaitForAsync(RunningAndBatteryMoved, Timeout, "a decision and the battery moving 5 points from its initial charge");
            Assert.Equal(0, await first.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        var stopped = Stored()!.Site;

        // At ×1 the site hardly moves while the silo starts: what the battery says is what it stopped with. (The
        // second run is only read, then killed when the test ends.)
        await using var second = StartSilo("--speed", "1");
        var (socPct, pvCounterWh) = await ReadBatteryAndPvCounterAsync(second);

        Assert.True(Math.Abs(socPct - stopped.SocPct) <= 0.3,
            $"after the restart the battery is at {socPct} %, not the {stopped.SocPct:F1} % it stopped with (initial {InitialSocPct} %)");
        Assert.True(pvCounterWh >= Math.Floor(stopped.PvEnergyWh) + 1_000_000, $"the inverter's energy counter went back to {pvCounterWh} Wh");
        Assert.Contains(second.Lines, l => l.Contains("Simulated site resumed from", StringComparison.Ordinal) && l.Contains(SimulatedSiteStore.FileName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AfterAKillTheBatteryContinuesFromTheLastPeriodicSave()
    {
        await using (var first = StartSilo())
        {
            await first.WaitForAsync(RunningAndBatteryMoved, Timeout, "a decision and the battery moving 5 points from its initial charge");
            await first.KillAsync(TimeSpan.FromSeconds(10));
        }
        var lastSave = Stored()!.Site;

        await using var second = StartSilo("--speed", "1");
        var (socPct, _) = await ReadBatteryAndPvCounterAsync(second);

        // The clock resumes a crash margin (about a minute at ×1) past its last save and the site runs on through
        // it: a minute moves the battery by a fraction of a point at most.
        Assert.True(Math.Abs(socPct - lastSave.SocPct) <= 1,
            $"after the kill the battery restarted at {socPct} %, not near the {lastSave.SocPct:F1} % of the last save (initial {InitialSocPct} %)");
    }

    private SiloProcess StartSilo(params string[] extra) =>
        SiloProcess.Start(_dataDir, [$"--Simulator:InitialSocPct={InitialSocPct}", .. extra]);

    /// <summary>
    /// The silo is up (it has decided a block: a stop signal during its start is another matter) and a save holds
    /// a battery well away from its initial charge.
    /// </summary>
    private bool RunningAndBatteryMoved(SiloProcess silo) =>
        silo.BlockLines.Count > 0 && Stored() is { } saved && Math.Abs(saved.Site.SocPct - InitialSocPct) >= 5;

    private SimulatedSiteSnapshot? Stored() =>
        File.Exists(SiteFile) && SimulatedSiteSnapshotJson.TryRead(File.ReadAllText(SiteFile), out var snapshot, out _) ? snapshot : null;

    /// <summary>The battery's SoC and the inverter's lifetime energy counter, as soon as the simulator's SunSpec server answers.</summary>
    private static async Task<(double SocPct, double PvCounterWh)> ReadBatteryAndPvCounterAsync(SiloProcess silo)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var modbus = new ModbusTcpClient("127.0.0.1", silo.ModbusPort, TimeSpan.FromSeconds(2));
                var battery = new SunSpecDevice(modbus, BatteryUnit);
                await battery.DiscoverAsync();
                var inverter = new SunSpecDevice(modbus, InverterUnit);
                await inverter.DiscoverAsync();
                var (socPct, _) = await battery.ReadBatteryAsync();
                var (_, energyWh) = await inverter.ReadInverterAsync();
                return (socPct!.Value, energyWh!.Value);
            }
            catch (Exception e) when (e is ModbusProtocolException or ModbusException or SunSpecException && waited.Elapsed < Timeout)
            {
                await Task.Delay(100); // not listening yet
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
