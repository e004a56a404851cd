using BitGridAI.Domain.Fleet;
using CsCheck;

namespace BitGridAI.Domain.Tests.Fleet;

/// <summary>Fleet allocation: the surplus shared highest priority first, each miner at the largest step or target that fits.</summary>
public sealed class FleetAllocatorTests
{
    // An Avalon-like miner with three modes, a LuxOS-like one with three profiles, a Bitaxe-like range miner.
    private static FleetMiner Avalon(int priority = 1, double current = 0, bool hold = false, bool blocked = false) =>
        new("avalon", priority, [800, 1400, 1800], null, null, current, hold, blocked);

    private static FleetMiner Luxos(int priority = 2, double current = 0, bool hold = false, bool blocked = false) =>
        new("luxos", priority, [2200, 3000, 3400], null, null, current, hold, blocked);

    private static FleetMiner Bitaxe(int priority = 3, double current = 0, bool hold = false, bool blocked = false) =>
        new("bitaxe", priority, [], 8, 25, current, hold, blocked);

    public static TheoryData<string, double, double, bool, FleetMiner[], double[]> Cases => new()
    {
        { "plenty: every miner at its largest", 10_000, 0, false, [Avalon(), Luxos(), Bitaxe()], [1800, 3400, 25] },
        { "first priority first, the rest gets what fits", 4_000, 0, false, [Avalon(), Luxos(), Bitaxe()], [1800, 2200, 0] },
        { "a range miner takes what is left within its range", 1_820, 0, false, [Avalon(), Luxos(), Bitaxe()], [1800, 0, 20] },
        { "below a miner's smallest step it stops", 700, 0, false, [Avalon(), Luxos(), Bitaxe()], [0, 0, 25] },
        { "priority order, not list order", 2_500, 0, false, [Luxos(priority: 1), Avalon(priority: 2), Bitaxe()], [2200, 0, 25] },
        { "the reserve is kept out", 4_000, 600, false, [Avalon(), Luxos(), Bitaxe()], [1800, 0, 25] },
        { "no surplus: all stop", -300, 0, false, [Avalon(current: 1400), Luxos(current: 2200), Bitaxe(current: 20)], [0, 0, 0] },
        { "a held miner keeps its draw and it comes off the budget first", 4_000, 0, false, [Avalon(), Luxos(current: 3000, hold: true), Bitaxe()], [800, 3000, 25] },
        { "a held miner above the budget leaves nothing to the others", 2_000, 0, false, [Avalon(), Luxos(current: 3000, hold: true), Bitaxe()], [0, 3000, 0] },
        { "a blocked miner gets 0 and its share goes on", 4_000, 0, false, [Avalon(blocked: true, current: 1400), Luxos(), Bitaxe()], [0, 3400, 25] },
        { "soft band: keep, never raise", 10_000, 0, true, [Avalon(current: 800), Luxos(current: 0), Bitaxe(current: 12)], [800, 0, 12] },
        { "soft band: lower when the budget shrinks", 1_000, 0, true, [Avalon(current: 1400), Luxos(current: 0), Bitaxe(current: 12)], [800, 0, 12] },
        { "unknown surplus: all stop", double.NaN, 0, false, [Avalon(current: 1400), Luxos(), Bitaxe()], [0, 0, 0] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Allocates_as_the_table_says(string _, double surplusW, double reserveW, bool softBand, FleetMiner[] miners, double[] targets) =>
        Assert.Equal(targets, FleetAllocator.Allocate(surplusW, reserveW, softBand, miners).Select(s => s.TargetW));

    private static readonly Gen<FleetMiner[]> Fleets =
        Gen.Select(Gen.Int[1, 4], Gen.Bool, Gen.Double[0, 4000].Array[1, 3], Gen.Double[0, 3000], Gen.Int[0, 9], Gen.Int[0, 9])
            .Select((priority, range, steps, current, hold, blocked) => (priority, range, steps, current, hold, blocked))
            .Array[1, 6]
            .Select(ms => ms.Select((m, i) => m.range
                ? new FleetMiner($"m{i}", m.priority, [], Math.Min(m.steps[0], 1000), Math.Max(m.steps[0], 1000) + 1, m.current, m.hold == 0, m.blocked == 0)
                : new FleetMiner($"m{i}", m.priority, m.steps, null, null, m.current, m.hold == 0, m.blocked == 0)).ToArray());

    [Fact]
    public void Never_allocates_more_than_the_budget_beyond_what_held_miners_draw_anyway() =>
        Gen.Select(Gen.Double[-2000, 20_000], Gen.Double[0, 2000], Gen.Bool, Fleets).Sample((surplus, reserve, soft, miners) =>
        {
            var shares = FleetAllocator.Allocate(surplus, reserve, soft, miners);
            var held = miners.Where(m => m.Hold && !m.Blocked).Sum(m => m.CurrentW);
            var allocated = shares.Zip(miners).Where(p => !p.Second.Hold && !p.Second.Blocked).Sum(p => p.First.TargetW);
            return allocated <= Math.Max(0, Math.Max(0, surplus - reserve) - held) + 1e-6
                && shares.Zip(miners).All(p => !p.Second.Blocked || p.First.TargetW == 0);
        }, iter: 5000);

    public static TheoryData<string, double, FleetMiner[], double[]> HysteresisCases => new()
    {
        { "a raise to the next step needs the band above it", 1_820, [Avalon(current: 1400), Bitaxe(current: 20)], [1400, 25] },
        { "with the band cleared it raises", 1_900, [Avalon(current: 1400), Bitaxe(current: 20)], [1800, 25] },
        { "a start needs the band too", 1_820, [Avalon(), Luxos()], [1400, 0] },
        { "a lowering never waits for the band", 1_390, [Avalon(current: 1400)], [800] },
        { "a range miner is not raised by less than the band", 60, [Bitaxe(current: 20)], [20] },
        { "a range miner follows a room beyond the band", 120, [Bitaxe(current: 10)], [25] },
        { "a range miner lowers at once", 15, [Bitaxe(current: 20)], [15] },
    };

    [Theory]
    [MemberData(nameof(HysteresisCases))]
    public void A_raise_clears_a_band_of_50_W_a_lowering_does_not_wait(string _, double surplusW, FleetMiner[] miners, double[] targets) =>
        Assert.Equal(targets, FleetAllocator.Allocate(surplusW, 0, false, miners, hysteresisW: 50).Select(s => s.TargetW));

    [Theory]
    [InlineData(1390, 1400)] // the step nearest the reported draw
    [InlineData(1700, 1800)]
    [InlineData(double.NaN, 1400)] // nothing reported: the draw of the mode it was told
    [InlineData(0, 1400)]
    public void A_running_step_miner_is_read_back_at_the_step_nearest_its_reported_power(double measuredW, double expectedW) =>
        Assert.Equal(expectedW, Avalon().ReadBackW(measuredW, fallbackW: 1400));

    [Theory]
    [InlineData(17.5, 17.5)]
    [InlineData(3, 8)] // a reading below the range reads as its bottom
    [InlineData(40, 25)]
    public void A_range_miner_is_read_back_at_its_reported_power_within_its_range(double measuredW, double expectedW) =>
        Assert.Equal(expectedW, Bitaxe().ReadBackW(measuredW, fallbackW: 25));

    [Fact]
    public void Every_target_is_zero_a_step_or_inside_the_range() =>
        Gen.Select(Gen.Double[-2000, 20_000], Gen.Bool, Fleets).Sample((surplus, soft, miners) =>
            FleetAllocator.Allocate(surplus, 0, soft, miners).Zip(miners).All(p => p.First.TargetW == 0 || p.Second.Hold
                || (p.Second.MinW is { } min && p.Second.MaxW is { } max ? p.First.TargetW >= min && p.First.TargetW <= max : p.Second.StepsW.Contains(p.First.TargetW))),
            iter: 5000);

    [Fact]
    public void A_miner_of_lower_priority_never_takes_from_one_of_higher_priority() =>
        Gen.Select(Gen.Double[0, 20_000], Gen.Bool, Fleets).Sample((surplus, soft, miners) =>
        {
            var all = FleetAllocator.Allocate(surplus, 0, soft, miners).ToDictionary(s => s.MinerId, s => s.TargetW);
            var lowest = miners.Where(m => !m.Hold && !m.Blocked).MaxBy(m => (m.Priority, m.Id));
            if (lowest is null)
            {
                return true;
            }
            // Without the lowest-priority miner, nobody above it gets more: it only ever had what they left.
            var without = FleetAllocator.Allocate(surplus, 0, soft, [.. miners.Where(m => m != lowest)]);
            return without.All(s => s.TargetW == all[s.MinerId]);
        }, iter: 5000);

    [Fact]
    public void In_the_soft_band_no_miner_is_raised() =>
        Gen.Select(Gen.Double[-2000, 20_000], Fleets).Sample((surplus, miners) =>
            FleetAllocator.Allocate(surplus, 0, softBand: true, miners).Zip(miners).All(p => p.First.TargetW <= p.Second.CurrentW),
            iter: 5000);

    [Fact]
    public void The_same_input_gives_the_same_allocation() =>
        Gen.Select(Gen.Double[-2000, 20_000], Gen.Bool, Fleets).Sample((surplus, soft, miners) =>
            FleetAllocator.Allocate(surplus, 0, soft, miners).SequenceEqual(FleetAllocator.Allocate(surplus, 0, soft, [.. miners.Reverse()]).OrderBy(s => Array.FindIndex(miners, m => m.Id == s.MinerId))),
            iter: 2000);
}
