namespace LrCluster.Plots;

/// <summary>Chooses "nice" tick values: 1/2/5 steps on linear axes, decades on log axes.</summary>
internal static class TickGenerator
{
    /// <summary>Ticks at multiples of 1, 2 or 5 × 10^k, aiming for about <paramref name="targetCount"/> of them.</summary>
    public static List<AxisTick> Linear(double min, double max, int targetCount)
    {
        var span = max - min;
        if (!(span > 0) || !double.IsFinite(span))
        {
            return [new AxisTick(min, true, SvgFormat.Compact(min))];
        }

        var step = NiceStep(span / Math.Max(1, targetCount));
        var tolerance = span * 1e-9;
        var first = (long)Math.Ceiling((min - tolerance) / step);
        var last = (long)Math.Floor((max + tolerance) / step);
        var ticks = new List<AxisTick>();
        for (var k = first; k <= last; k++)
        {
            // Multiplying an integer index avoids the drift that repeated addition of 0.1 would accumulate.
            var value = k * step;
            ticks.Add(new AxisTick(value, true, SvgFormat.LinearTick(value, step)));
        }

        return ticks;
    }

    /// <summary>
    /// Decade ticks (labelled) with 2…9 minor ticks between them when there is room. Ranges spanning less than
    /// two decades fall back to 1-2-5 values, then to linear steps, so that a narrow log axis still gets labels.
    /// </summary>
    public static List<AxisTick> Log(double min, double max, double pixelLength)
    {
        var lo = Math.Log10(min);
        var hi = Math.Log10(max);
        var firstDecade = (int)Math.Ceiling(lo - 1e-9);
        var lastDecade = (int)Math.Floor(hi + 1e-9);
        var pixelsPerDecade = pixelLength / Math.Max(hi - lo, 1e-12);
        var ticks = new List<AxisTick>();

        if (lastDecade - firstDecade + 1 >= 2)
        {
            for (var k = firstDecade; k <= lastDecade; k++)
            {
                var value = Math.Pow(10, k);
                ticks.Add(new AxisTick(value, true, SvgFormat.Compact(value)));
            }

            // Below ~25 px per decade the minor ticks near each decade merge into a smudge.
            if (pixelsPerDecade >= 25)
            {
                AddMinorTicks(ticks, min, max, firstDecade - 1, lastDecade);
            }

            return ticks;
        }

        foreach (var mantissa in new[] { 1.0, 2.0, 5.0 })
        {
            for (var k = firstDecade - 1; k <= lastDecade + 1; k++)
            {
                var value = mantissa * Math.Pow(10, k);
                if (value >= min * (1 - 1e-9) && value <= max * (1 + 1e-9))
                {
                    ticks.Add(new AxisTick(value, true, SvgFormat.Compact(value)));
                }
            }
        }

        if (ticks.Count >= 3)
        {
            AddMinorTicks(ticks, min, max, firstDecade - 1, lastDecade);
            return ticks;
        }

        return Linear(min, max, Math.Max(3, (int)(pixelLength / 80)));
    }

    private static void AddMinorTicks(List<AxisTick> ticks, double min, double max, int fromDecade, int toDecade)
    {
        for (var k = fromDecade; k <= toDecade; k++)
        {
            for (var m = 2; m <= 9; m++)
            {
                var value = m * Math.Pow(10, k);
                if (value > min && value < max && !ticks.Exists(t => Math.Abs(t.Value - value) <= value * 1e-9))
                {
                    ticks.Add(new AxisTick(value, false, ""));
                }
            }
        }
    }

    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var normalised = raw / magnitude;
        var factor = normalised < 1.5 ? 1 : normalised < 3.5 ? 2 : normalised < 7.5 ? 5 : 10;
        return factor * magnitude;
    }
}
