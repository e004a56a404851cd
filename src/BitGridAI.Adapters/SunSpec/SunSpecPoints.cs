using BitGridAI.Adapters.Modbus;

namespace BitGridAI.Adapters.SunSpec;

/// <summary>
/// The points of the models <c>bitgrid probe</c> shows an integrator, decoded from a model's registers (offsets
/// from its ID register, as in the SunSpec model definitions; scale factors applied; not-implemented markers
/// read as null). Names carry the unit. A model not listed here, or a block shorter than its points, decodes
/// to no points: the chain walk already showed the model exists.
/// </summary>
public static class SunSpecPoints
{
    /// <summary>What a model id is, for people reading the probe's output.</summary>
    public static string NameOf(ushort id) => id switch
    {
        1 => "common",
        >= 101 and <= 103 => "inverter (integer + scale factor)",
        >= 111 and <= 113 => "inverter (float)",
        >= 201 and <= 204 => "meter",
        124 => "storage",
        802 => "battery",
        _ => "not decoded",
    };

    public static IReadOnlyList<SunSpecPoint> Decode(SunSpecModel model, ushort[] r, WordOrder order)
    {
        double? Float(int at) => order == WordOrder.HighFirst ? SunSpecValues.FloatingPoint(r[at], r[at + 1]) : SunSpecValues.FloatingPoint(r[at + 1], r[at]);
        double? Acc(int at, int sf) => order == WordOrder.HighFirst ? SunSpecValues.Accumulator(r[at], r[at + 1], r[sf]) : SunSpecValues.Accumulator(r[at + 1], r[at], r[sf]);
        SunSpecPoint S(string name, int at, int sf) => new(name, SunSpecValues.ScaledSigned(r[at], r[sf]));
        SunSpecPoint U(string name, int at, int sf) => new(name, SunSpecValues.ScaledUnsigned(r[at], r[sf]));
        SunSpecPoint Raw(string name, int at) => new(name, r[at] == 0xFFFF ? null : r[at]);

        var needed = model.Id switch
        {
            1 => 66,
            >= 101 and <= 103 => 39,
            >= 111 and <= 113 => 42,
            >= 201 and <= 204 => 55,
            124 => 23,
            802 => 64,
            _ => int.MaxValue,
        };
        if (r.Length < needed)
        {
            return [];
        }
        return model.Id switch
        {
            1 =>
            [
                new("manufacturer", null, SunSpecValues.Text(r.AsSpan(2, 16))),
                new("model", null, SunSpecValues.Text(r.AsSpan(18, 16))),
                new("version", null, SunSpecValues.Text(r.AsSpan(42, 8))),
                new("serial", null, SunSpecValues.Text(r.AsSpan(50, 16))),
            ],
            >= 101 and <= 103 =>
            [
                U("current_a", 2, 6), U("voltage_an_v", 10, 13), S("power_w", 14, 15), U("frequency_hz", 16, 17),
                new("energy_wh", Acc(24, 26)), S("dc_power_w", 31, 32), S("cabinet_temp_c", 33, 37), Raw("operating_state", 38),
            ],
            >= 111 and <= 113 =>
            [
                new("current_a", Float(2)), new("voltage_an_v", Float(16)), new("power_w", Float(22)), new("frequency_hz", Float(24)),
                new("energy_wh", Float(32)), new("dc_power_w", Float(38)), new("cabinet_temp_c", Float(40)),
            ],
            >= 201 and <= 204 =>
            [
                S("current_a", 2, 6), S("voltage_ln_v", 7, 15), S("frequency_hz", 16, 17), S("power_w", 18, 22),
                new("exported_wh", Acc(38, 54)), new("imported_wh", Acc(46, 54)),
            ],
            124 =>
            [
                U("max_charge_w", 2, 18), U("min_reserve_pct", 7, 21), U("soc_pct", 8, 22), Raw("charge_state", 11),
            ],
            802 =>
            [
                U("energy_rating_wh", 3, 53), U("max_charge_w", 4, 54), U("max_discharge_w", 5, 54), U("soc_min_pct", 8, 56),
                U("soc_pct", 11, 56), U("soh_pct", 13, 58), Raw("charge_state", 16), S("power_w", 47, 63),
            ],
            _ => [],
        };
    }
}
