using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Economics;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Fleet;
using BitGridAI.Domain.Overrides;
using BitGridAI.Domain.Signals;
using CsCheck;
using static BitGridAI.Domain.Decisions.DecisionCode;

namespace BitGridAI.Domain.Tests.Fleet;

/// <summary>
/// A block of a site with three miners (docs/fleet.md): an Avalon (800 / 1674 / 2000 W, priority 1), a LuxOS machine
/// (2200 / 3250 / 3600 W, priority 2) and a Bitaxe (10 / 15 / 20 W, priority 3), each decided with its share.
/// </summary>
public sealed class FleetDecisionTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 5, 0, TimeSpan.Zero);

    /// <summary>One miner's part of a scenario: what it runs at, how long since its last change, its chip temperature.</summary>
    public sealed record M(string Id, double CurrentW = 0, long Blocks = 10, double Temp = 60, ActuatorState? Override = null)
    {
        public ActuatorState Actuator => CurrentW switch
        {
            0 => ActuatorState.Stop,
            _ when Steps(Id)[0] == CurrentW => ActuatorState.Throttle,
            _ => ActuatorState.Start,
        };
    }

    private static double[] Steps(string id) => id switch
    {
        "avalon" => [800, 1674, 2000],
        "luxos" => [2200, 3250, 3600],
        _ => [10, 15, 20],
    };

    private static int Priority(string id) => id switch { "avalon" => 1, "luxos" => 2, _ => 3 };

    private static EnergyState SiteState(double surplusW, double soc) => EnergyState.Empty
        .With(Signal.PvPowerW, 1000 + surplusW)
        .With(Signal.HouseLoadW, 1000)
        .With(Signal.GridImportW, 0)
        .With(Signal.GridExportW, 0)
        .With(Signal.BatterySocPct, soc)
        .With(Signal.BatteryPowerW, 0)
        .With(Signal.EnergyPriceCtKwh, 10);

    private static IReadOnlyList<FleetOutcome> Decide(double surplusW, M[] miners, double soc = 80, Autonomy autonomy = Autonomy.Full,
        string[]? exportPaysMore = null, EngineConfig? config = null)
    {
        config ??= EngineConfig.Default;
        var site = SiteState(surplusW, soc);
        var members = miners.Select(m => new FleetMember(
            new FleetMiner(m.Id, Priority(m.Id), Steps(m.Id), null, null, m.CurrentW),
            site.With(Signal.MinerTempC, m.Temp).With(Signal.MinerHeartbeatAgeSec, 5).With(Signal.MinerPowerW, m.CurrentW),
            new DecisionContext
            {
                Now = Noon,
                Actuator = m.Actuator,
                BlocksSinceChange = m.Blocks,
                Autonomy = autonomy,
                Strategy = Strategy.Surplus,
                Override = m.Override is { } action ? new ManualOverride(action, Noon.AddHours(1)) : ManualOverride.None,
                Safety = new SafetyMemory(null, true),
                Trigger = Trigger.BlockTick,
            },
            config)).ToArray();
        // Under max_value the miners named pay more exported (10 ct against 1 ct of mining); the others mine.
        var pricing = exportPaysMore is null ? null : new EnergyPathPricing(EnergyPathPolicy.MaxValue,
            (m, w) => exportPaysMore.Contains(m.Miner.Id) ? new EnergyPathValues(w / 6000, 10, 10, 1, 0) : new EnergyPathValues(w / 6000, 1, 100, 10, 0));
        return FleetDecision.Decide(members, config, pricing);
    }

    public static TheoryData<string, double, M[], string> Blocks => new()
    {
        { "4 kW: the Avalon at super, the LuxOS fits no step, the Bitaxe at super", 4000,
            [new("avalon"), new("luxos"), new("bitaxe")], "avalon START_R1_FLEET_SHARE 2000; luxos NOOP_R1_FLEET_NO_SHARE 0; bitaxe START_R1_FLEET_SHARE 20" },
        { "an over-hot Avalon stops at once and its share goes on", 4000,
            [new("avalon", 1674, Temp: 90), new("luxos"), new("bitaxe")], "avalon STOP_R3_OVERTEMP 0; luxos START_R1_FLEET_SHARE 3600; bitaxe START_R1_FLEET_SHARE 20" },
        { "R5 holds the Avalon at its step; nothing is left for the others", 1000,
            [new("avalon", 1674, Blocks: 1), new("luxos"), new("bitaxe")], "avalon NOOP_R5_MIN_RUNTIME_NOT_REACHED 1674; luxos NOOP_R1_FLEET_NO_SHARE 0; bitaxe NOOP_R1_FLEET_NO_SHARE 0" },
        { "standard to super is no change R5 holds", 2500,
            [new("avalon", 1674, Blocks: 1), new("luxos"), new("bitaxe")], "avalon START_R1_FLEET_SHARE 2000; luxos NOOP_R1_FLEET_NO_SHARE 0; bitaxe START_R1_FLEET_SHARE 20" },
        { "the surplus is gone: every running miner stops", 0,
            [new("avalon", 1674), new("luxos", 2200), new("bitaxe", 15)], "avalon STOP_R1_FLEET_NO_SHARE 0; luxos STOP_R1_FLEET_NO_SHARE 0; bitaxe STOP_R1_FLEET_NO_SHARE 0" },
        { "a shrinking surplus lowers the Avalon to eco and stops the LuxOS", 1000,
            [new("avalon", 1674), new("luxos", 2200), new("bitaxe", 15)], "avalon THROTTLE_R1_FLEET_SHARE 800; luxos STOP_R1_FLEET_NO_SHARE 0; bitaxe START_R1_FLEET_SHARE 20" },
        { "a raise waits for the band (50 W): the Avalon keeps standard at 2,020 W", 2020,
            [new("avalon", 1674), new("luxos"), new("bitaxe", 20)], "avalon START_R1_FLEET_SHARE 1674; luxos NOOP_R1_FLEET_NO_SHARE 0; bitaxe START_R1_FLEET_SHARE 20" },
        { "a START override on the Bitaxe with no surplus runs it; the others stay off", 0,
            [new("avalon"), new("luxos"), new("bitaxe", Override: ActuatorState.Start)], "avalon NOOP_R1_FLEET_NO_SHARE 0; luxos NOOP_R1_FLEET_NO_SHARE 0; bitaxe START_OVR_MANUAL_OVERRIDE 15" },
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Decides_each_miner_as_the_table_says(string _, double surplusW, M[] miners, string expected) =>
        Assert.Equal(expected, Describe(Decide(surplusW, miners)));

    [Fact]
    public void In_the_soft_band_a_running_miner_keeps_its_step_and_nothing_starts() =>
        Assert.Equal("avalon NOOP_R2_SOC_SOFT_MIN 1674; luxos NOOP_R2_SOC_SOFT_MIN 0; bitaxe NOOP_R2_SOC_SOFT_MIN 0",
            Describe(Decide(4000, [new("avalon", 1674), new("luxos"), new("bitaxe")], soc: 55)));

    [Fact]
    public void Under_max_value_a_miner_whose_export_pays_more_does_not_mine_and_its_share_goes_on() =>
        Assert.Equal("avalon START_R1_FLEET_SHARE 2000; luxos STOP_R1_EXPORT_PAYS_MORE 0; bitaxe START_R1_FLEET_SHARE 20",
            Describe(Decide(6000, [new("avalon"), new("luxos", 2200), new("bitaxe")], exportPaysMore: ["luxos"])));

    [Fact]
    public void In_semi_an_economic_stop_is_only_suggested_and_the_kept_miner_still_counts() =>
        Assert.Equal("avalon NOOP_R1_FLEET_NO_SHARE 1674; luxos NOOP_R1_FLEET_NO_SHARE 2200",
            Describe(Decide(1000, [new("avalon", 1674), new("luxos", 2200)], autonomy: Autonomy.Semi)));

    [Fact]
    public void The_reserve_is_left_unallocated() =>
        Assert.Equal("avalon START_R1_FLEET_SHARE 1674; luxos NOOP_R1_FLEET_NO_SHARE 0; bitaxe START_R1_FLEET_SHARE 20",
            Describe(Decide(2500, [new("avalon"), new("luxos"), new("bitaxe")], config: EngineConfig.Default with { FleetReserveW = 600 })));

    [Fact]
    public void Each_decision_replays_alone_from_its_recorded_context()
    {
        foreach (var outcome in Decide(4000, [new("avalon", 1674, Blocks: 1), new("luxos"), new("bitaxe", 15)]))
        {
            var miner = outcome.MinerId;
            var state = SiteState(4000, 80).With(Signal.MinerTempC, 60).With(Signal.MinerHeartbeatAgeSec, 5)
                .With(Signal.MinerPowerW, miner == "avalon" ? 1674 : miner == "bitaxe" ? 15 : 0);
            var replayed = DecisionEngine.Decide(state, outcome.Context, EngineConfig.Default);
            Assert.Equal(outcome.Decision.Code, replayed.Code);
            Assert.Equal(outcome.Decision.Mode, replayed.Mode);
            Assert.Equal(outcome.Decision.TargetW, replayed.TargetW ?? outcome.Decision.TargetW);
        }
    }

    private static string Describe(IReadOnlyList<FleetOutcome> outcomes) =>
        string.Join("; ", outcomes.Select(o => $"{o.MinerId} {o.Decision.Code} {o.Decision.TargetW}"));

    // Random blocks: any surplus, SoC, autonomy, and per miner any step or off, R5 counter, temperature.
    private static Gen<M> MinerOf(string id) => Gen.Select(Gen.Int[0, 3], Gen.Long[0, 6], Gen.Double[40, 95])
        .Select((step, blocks, temp) => new M(id, step == 0 ? 0 : Steps(id)[step - 1], blocks, temp));

    private static readonly Gen<M[]> Fleet = Gen.Select(MinerOf("avalon"), MinerOf("luxos"), MinerOf("bitaxe")).Select((a, b, c) => new[] { a, b, c });

    private static readonly Gen<(double Surplus, double Soc, Autonomy Autonomy, M[] Miners)> Blocks_ =
        Gen.Select(Gen.Double[-3000, 9000], Gen.Double[45, 100], Gen.Bool.Select(semi => semi ? Autonomy.Semi : Autonomy.Full), Fleet);

    [Fact]
    public void What_the_shares_raise_or_keep_never_exceeds_the_budget_left_by_the_miners_it_may_not_move() =>
        Blocks_.Sample(b =>
        {
            var outcomes = Decide(b.Surplus, b.Miners, b.Soc, b.Autonomy);
            var shared = outcomes.Where(o => o.Decision.Code is START_R1_FLEET_SHARE or THROTTLE_R1_FLEET_SHARE).Sum(o => o.Decision.TargetW ?? 0);
            var kept = outcomes.Where(o => o.Decision.Code is not (START_R1_FLEET_SHARE or THROTTLE_R1_FLEET_SHARE)).Sum(o => o.Decision.TargetW ?? 0);
            return shared <= Math.Max(0, b.Surplus - kept) + 1e-6;
        }, iter: 3000);

    [Fact]
    public void Without_surplus_no_miner_is_started_or_raised_so_the_allocation_never_plans_import() =>
        Blocks_.Sample(b =>
        {
            var miners = b.Miners;
            return Decide(Math.Min(0, b.Surplus), miners, b.Soc, b.Autonomy).Zip(miners).All(p => (p.First.Decision.TargetW ?? 0) <= p.Second.CurrentW);
        }, iter: 3000);

    [Fact]
    public void In_the_soft_band_no_miner_is_started_or_raised() =>
        Blocks_.Sample(b => Decide(b.Surplus, b.Miners, Math.Min(b.Soc, 58), b.Autonomy).Zip(b.Miners).All(p => (p.First.Decision.TargetW ?? 0) <= p.Second.CurrentW), iter: 3000);

    [Fact]
    public void A_miner_over_its_chip_limit_is_always_stopped() =>
        Blocks_.Sample(b => Decide(b.Surplus, b.Miners, b.Soc, b.Autonomy).Zip(b.Miners).All(p => p.Second.Temp <= 85 || p.First.Decision.Code == STOP_R3_OVERTEMP), iter: 3000);

    [Fact]
    public void A_higher_priority_miner_left_without_a_share_could_not_fit_its_smallest_step() =>
        Blocks_.Sample(b =>
        {
            var outcomes = Decide(b.Surplus, b.Miners, b.Soc, Autonomy.Full);
            return outcomes.Where(o => o.Decision.Code == NOOP_R1_FLEET_NO_SHARE || o.Decision.Code == STOP_R1_FLEET_NO_SHARE)
                .All(o => o.Context.Fleet!.LeftW - EngineConfig.Default.FleetHysteresisW < Steps(o.MinerId)[0]);
        }, iter: 3000);
}
