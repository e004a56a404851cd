using BitGridAI.Domain.Decisions;

namespace BitGridAI.Explain.Counterfactuals;

/// <summary>
/// Finds where the engine's action changes along one input. The rules are threshold comparisons, so along one
/// input the action is piecewise constant: probe outwards until the action differs, bisect the last step down to
/// a fraction of a display step, then move onto the display grid and check both sides of the result there.
/// </summary>
/// <remarks>
/// Probing grows geometrically (each step 1.2 × the last plus one display step), so a band of another action
/// narrower than about a fifth of its distance from the start may be stepped over and a farther change reported.
/// Whatever is returned is still exact: the engine was run at it and at the grid value next to it.
/// </remarks>
internal static class LineSearch
{
    private const double Growth = 1.2;
    private const int MaxBisections = 60;
    private const int MaxGridMoves = 4;
    private const int ScanPoints = 64;

    /// <summary>
    /// The grid value nearest <paramref name="from"/> in <paramref name="direction"/> (+1 up, −1 down), not beyond
    /// <paramref name="limit"/>, at which the action differs from <paramref name="original"/> while one grid step
    /// nearer <paramref name="from"/> it does not (or that step is no longer beyond <paramref name="from"/>); NaN when
    /// there is none.
    /// </summary>
    public static double Nearest<TProbe>(ref TProbe probe, ActuatorState original, double from, int direction, double limit, DisplayUnit unit)
        where TProbe : struct, IActionProbe
    {
        var span = direction * (limit - from);
        if (!(span > 0))
        {
            return double.NaN;
        }
        var same = 0.0;
        for (var distance = unit.Step; ; distance = distance * Growth + unit.Step)
        {
            var reach = Math.Min(distance, span);
            if (Differs(ref probe, original, from + direction * reach))
            {
                return Boundary(ref probe, original, from, direction, same, reach, limit, unit);
            }
            if (reach >= span)
            {
                return double.NaN;
            }
            same = reach;
        }
    }

    /// <summary>
    /// For an input that is missing (or a threshold that is switched off): a grid value in [low, high] at which the
    /// action differs. There is no current value to be near, so the result is the edge of the first range of such
    /// values, where the rule that decides it compares (e.g. "measured at 85.0 °C or less"); when every value in
    /// the range changes the action, the value nearest 0. NaN when no value does.
    /// </summary>
    public static double Anywhere<TProbe>(ref TProbe probe, ActuatorState original, double low, double high, DisplayUnit unit)
        where TProbe : struct, IActionProbe
    {
        if (!(high > low))
        {
            return double.NaN;
        }
        var width = (high - low) / (ScanPoints - 1);
        var first = -1;
        for (var i = 0; i < ScanPoints && first < 0; i++)
        {
            first = Differs(ref probe, original, ScanPoint(low, high, width, i)) ? i : -1;
        }
        if (first > 0)
        {
            return Boundary(ref probe, original, ScanPoint(low, high, width, first - 1), +1, 0, width, high, unit);
        }
        if (first < 0)
        {
            return double.NaN;
        }
        for (var i = 1; i < ScanPoints; i++)
        {
            var point = ScanPoint(low, high, width, i);
            if (!Differs(ref probe, original, point))
            {
                return Boundary(ref probe, original, point, -1, 0, width, low, unit);
            }
        }
        var anchor = unit.At(unit.IndexBeyond(Math.Clamp(0, low, high), +1));
        return anchor <= high && Differs(ref probe, original, anchor) ? anchor : double.NaN;
    }

    private static double ScanPoint(double low, double high, double width, int i) => i == ScanPoints - 1 ? high : low + (i * width);

    /// <summary>Bisects between distance <paramref name="same"/> (original action) and <paramref name="changed"/> (another), then snaps to the grid.</summary>
    private static double Boundary<TProbe>(ref TProbe probe, ActuatorState original, double from, int direction,
        double same, double changed, double limit, DisplayUnit unit)
        where TProbe : struct, IActionProbe
    {
        var tolerance = unit.Step / 8;
        for (var i = 0; i < MaxBisections && changed - same > tolerance; i++)
        {
            var middle = same + ((changed - same) / 2);
            if (Differs(ref probe, original, from + direction * middle))
            {
                changed = middle;
            }
            else
            {
                same = middle;
            }
        }
        return Snap(ref probe, original, from, direction, from + direction * changed, limit, unit);
    }

    /// <summary>
    /// Moves a changing value onto the display grid, away from <paramref name="from"/> (so a "≤ 25" boundary stays
    /// 25.0, a "> 25" one becomes 25.1), and proves it tight. A band narrower than a step may have no grid value
    /// in it; a few steps on are tried before giving up.
    /// </summary>
    private static double Snap<TProbe>(ref TProbe probe, ActuatorState original, double from, int direction,
        double changedAt, double limit, DisplayUnit unit)
        where TProbe : struct, IActionProbe
    {
        var k = unit.IndexBeyond(changedAt, direction);
        for (var moves = 0; ; moves++, k += direction)
        {
            var value = unit.At(k);
            if (moves == MaxGridMoves || direction * (value - from) <= 0 || direction * (value - limit) > 0)
            {
                return double.NaN;
            }
            if (Differs(ref probe, original, value))
            {
                break;
            }
        }
        // Floating-point bisection can end a hair past a boundary that lies on the grid: walk back while the
        // value one step nearer still differs.
        for (var moves = 0; ; moves++, k -= direction)
        {
            var nearer = unit.At(k - direction);
            if (direction * (nearer - from) <= 0 || !Differs(ref probe, original, nearer))
            {
                return unit.At(k);
            }
            if (moves == MaxGridMoves)
            {
                return double.NaN;
            }
        }
    }

    private static bool Differs<TProbe>(ref TProbe probe, ActuatorState original, double value)
        where TProbe : struct, IActionProbe =>
        probe.EffectAt(value) != original;
}
