using System.Text;

namespace LrCluster.Plots;

/// <summary>Turns series into SVG path data, splitting at points an axis cannot show.</summary>
internal static class PathBuilder
{
    // Consecutive points closer than this (in both directions) are indistinguishable on screen; dropping them keeps
    // dense range tests (tens of thousands of steps) from producing multi-megabyte files.
    private const double MinStep = 0.3;

    /// <summary>
    /// One subpath ("M…L…") per run of drawable points. A NaN, an infinity or (on a log axis) a non-positive value
    /// ends the run, so the gap shows as a gap rather than a jump to a bogus coordinate.
    /// </summary>
    public static string Line(LineSeries line, AxisScale xScale, AxisScale yScale, PlotRect guard)
    {
        var d = new StringBuilder();
        var run = new List<PixelPoint>();
        for (var i = 0; i < line.Xs.Length; i++)
        {
            if (xScale.Accepts(line.Xs[i]) && yScale.Accepts(line.Ys[i]))
            {
                run.Add(new PixelPoint(xScale.Map(line.Xs[i]), yScale.Map(line.Ys[i])));
            }
            else
            {
                AppendRun(d, run, guard);
                run.Clear();
            }
        }

        AppendRun(d, run, guard);
        return d.ToString();
    }

    /// <summary>One closed polygon (upper edge forwards, lower edge backwards) per run of drawable points.</summary>
    public static string Band(BandSeries band, AxisScale xScale, AxisScale yScale, PlotRect guard)
    {
        var d = new StringBuilder();
        var upper = new List<PixelPoint>();
        var lower = new List<PixelPoint>();
        for (var i = 0; i <= band.Xs.Length; i++)
        {
            var drawable = i < band.Xs.Length
                && xScale.Accepts(band.Xs[i]) && yScale.Accepts(band.Lower[i]) && yScale.Accepts(band.Upper[i]);
            if (drawable)
            {
                var x = xScale.Map(band.Xs[i]);
                upper.Add(new PixelPoint(x, yScale.Map(band.Upper[i])));
                lower.Add(new PixelPoint(x, yScale.Map(band.Lower[i])));
                continue;
            }

            if (upper.Count >= 2)
            {
                lower.Reverse();
                var polygon = Clipper.ClipPolygon([.. upper, .. lower], guard);
                if (polygon.Count >= 3)
                {
                    d.Append('M').Append(Point(polygon[0]));
                    for (var k = 1; k < polygon.Count; k++)
                    {
                        d.Append('L').Append(Point(polygon[k]));
                    }

                    d.Append('Z');
                }
            }

            upper.Clear();
            lower.Clear();
        }

        return d.ToString();
    }

    private static void AppendRun(StringBuilder d, List<PixelPoint> run, PlotRect guard)
    {
        if (run.Count == 1)
        {
            // A lone point between gaps would vanish as a path; a zero-length stroke with round caps shows it as a dot.
            if (guard.Contains(run[0]))
            {
                d.Append('M').Append(Point(run[0])).Append("h0");
            }

            return;
        }

        PixelPoint? penAt = null;
        PixelPoint? lastWritten = null;
        PixelPoint? pending = null;
        for (var i = 1; i < run.Count; i++)
        {
            if (!Clipper.ClipSegment(run[i - 1], run[i], guard, out var a, out var b))
            {
                Flush(d, ref pending);
                penAt = null;
                continue;
            }

            if (penAt != a)
            {
                Flush(d, ref pending);
                d.Append('M').Append(Point(a));
                lastWritten = a;
            }

            penAt = b;
            var isLast = i == run.Count - 1 || b != run[i];
            if (!isLast && lastWritten is { } w && Math.Abs(b.X - w.X) < MinStep && Math.Abs(b.Y - w.Y) < MinStep)
            {
                pending = b;
                continue;
            }

            pending = null;
            d.Append('L').Append(Point(b));
            lastWritten = b;
        }

        Flush(d, ref pending);
    }

    private static void Flush(StringBuilder d, ref PixelPoint? pending)
    {
        if (pending is { } p)
        {
            d.Append('L').Append(Point(p));
            pending = null;
        }
    }

    private static string Point(PixelPoint p) => SvgFormat.Px(p.X) + " " + SvgFormat.Px(p.Y);
}
