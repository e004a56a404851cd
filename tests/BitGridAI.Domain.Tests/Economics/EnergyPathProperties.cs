using BitGridAI.Domain.Economics;
using CsCheck;

namespace BitGridAI.Domain.Tests.Economics;

/// <summary>Properties of the energy-path values and the policies, over realistic and over arbitrary inputs.</summary>
public sealed class EnergyPathProperties
{
    private static readonly Gen<double?> MaybePrice = Gen.Double[0, 200_000].Nullable();

    private static readonly Gen<EnergyPrices> RealisticPrices =
        Gen.Select(Gen.Double[-20, 40], Gen.Double[0, 200].Nullable(), MaybePrice, Gen.Double[-5, 30])
            .Select((feedIn, hashprice, btc, heat) => new EnergyPrices(feedIn, hashprice, btc, heat));

    /// <summary>Any double at all, with the awkward ones drawn often.</summary>
    private static readonly Gen<double> AnyDouble = Gen.OneOf(Gen.Double,
        Gen.OneOf<double>(double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue, double.Epsilon, -0.0, 0.0));

    private static readonly Gen<EnergyPathValues> RealisticValues =
        Gen.Select(Gen.Double[0, 5000], Gen.Double[0, 300], Gen.Int[1, 3600], RealisticPrices)
            .Select((power, ths, seconds, prices) => EnergyPath.Of(power, ths, TimeSpan.FromSeconds(seconds), prices));

    [Fact]
    public void Every_value_scales_linearly_with_the_duration() =>
        Gen.Select(Gen.Double[0, 5000], Gen.Double[0, 300], Gen.Int[1, 3600], Gen.Int[2, 10], RealisticPrices).Sample((power, ths, seconds, k, prices) =>
        {
            var one = EnergyPath.Of(power, ths, TimeSpan.FromSeconds(seconds), prices);
            var many = EnergyPath.Of(power, ths, TimeSpan.FromSeconds(seconds * k), prices);
            return Close(many.EnergyKwh, k * one.EnergyKwh) && Close(many.ExportCt, k * one.ExportCt) && Close(many.HeatCt, k * one.HeatCt)
                && Close(many.MiningSats, k * one.MiningSats) && Close(many.MiningCt, k * one.MiningCt);
        }, iter: 5000);

    [Fact]
    public void Max_value_never_mines_when_mining_and_heat_are_worth_less_than_export_or_unknown() =>
        RealisticValues.Sample(v => !EnergyPath.Mines(EnergyPathPolicy.MaxValue, v) || v.MiningPlusHeatCt >= v.ExportCt, iter: 5000);

    [Fact]
    public void Max_value_mines_whenever_mining_and_heat_are_worth_at_least_the_export() =>
        RealisticValues.Sample(v => !(v.MiningPlusHeatCt >= v.ExportCt) || EnergyPath.Mines(EnergyPathPolicy.MaxValue, v), iter: 5000);

    [Fact]
    public void Self_consumption_first_always_mines() =>
        RealisticValues.Sample(v => EnergyPath.Mines(EnergyPathPolicy.SelfConsumptionFirst, v), iter: 2000);

    [Fact]
    public void No_double_makes_it_throw_or_invent_energy() =>
        Gen.Select(Gen.Select(AnyDouble, AnyDouble, Gen.Long), Gen.Select(AnyDouble, AnyDouble.Nullable(), AnyDouble.Nullable(), AnyDouble))
            .Sample((inputs, p) =>
            {
                var (power, ths, ticks) = inputs;
                var v = EnergyPath.Of(power, ths, TimeSpan.FromTicks(ticks), new EnergyPrices(p.Item1, p.Item2, p.Item3, p.Item4));
                _ = EnergyPath.Mines(EnergyPathPolicy.MaxValue, v);
                _ = EnergyPath.Mines(EnergyPathPolicy.SelfConsumptionFirst, v);
                // Energy is never negative or NaN: a draw that cannot be real counts as none.
                return v.EnergyKwh >= 0 && v.MiningSats is not < 0 && v.MiningCt is not < 0;
            }, iter: 20_000);

    private static bool Close(double a, double b) =>
        (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static bool Close(double? a, double? b) => a is null ? b is null : b is not null && Close(a.Value, b.Value);
}
