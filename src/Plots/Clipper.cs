namespace LrCluster.Plots;

/// <summary>
/// Geometric clipping against a rectangle slightly larger than the plot. The SVG clipPath does the visible cut;
/// this pass only keeps far-away coordinates (a loss of 1e12 mapped to pixels) out of the file.
/// </summary>
internal static class Clipper
{
    /// <summary>Liang–Barsky: the part of segment a→b inside the rectangle, or false when none is.</summary>
    public static bool ClipSegment(PixelPoint a, PixelPoint b, PlotRect rect, out PixelPoint clippedA, out PixelPoint clippedB)
    {
        double t0 = 0, t1 = 1;
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        clippedA = a;
        clippedB = b;

        if (!Narrow(-dx, a.X - rect.Left, ref t0, ref t1)
            || !Narrow(dx, rect.Right - a.X, ref t0, ref t1)
            || !Narrow(-dy, a.Y - rect.Top, ref t0, ref t1)
            || !Narrow(dy, rect.Bottom - a.Y, ref t0, ref t1))
        {
            return false;
        }

        if (t0 > 0)
        {
            clippedA = new PixelPoint(a.X + t0 * dx, a.Y + t0 * dy);
        }

        if (t1 < 1)
        {
            clippedB = new PixelPoint(a.X + t1 * dx, a.Y + t1 * dy);
        }

        return true;
    }

    /// <summary>Sutherland–Hodgman against the four edges of the rectangle.</summary>
    public static List<PixelPoint> ClipPolygon(IReadOnlyList<PixelPoint> polygon, PlotRect rect)
    {
        var result = new List<PixelPoint>(polygon);
        result = ClipEdge(result, p => p.X >= rect.Left, (p, q) => AtX(p, q, rect.Left));
        result = ClipEdge(result, p => p.X <= rect.Right, (p, q) => AtX(p, q, rect.Right));
        result = ClipEdge(result, p => p.Y >= rect.Top, (p, q) => AtY(p, q, rect.Top));
        result = ClipEdge(result, p => p.Y <= rect.Bottom, (p, q) => AtY(p, q, rect.Bottom));
        return result;
    }

    private static bool Narrow(double p, double q, ref double t0, ref double t1)
    {
        if (p == 0)
        {
            return q >= 0;
        }

        var r = q / p;
        if (p < 0)
        {
            if (r > t1)
            {
                return false;
            }

            t0 = Math.Max(t0, r);
        }
        else
        {
            if (r < t0)
            {
                return false;
            }

            t1 = Math.Min(t1, r);
        }

        return true;
    }

    private static List<PixelPoint> ClipEdge(
        List<PixelPoint> input,
        Func<PixelPoint, bool> inside,
        Func<PixelPoint, PixelPoint, PixelPoint> intersect)
    {
        var output = new List<PixelPoint>(input.Count + 4);
        for (var i = 0; i < input.Count; i++)
        {
            var current = input[i];
            var previous = input[(i + input.Count - 1) % input.Count];
            var currentIn = inside(current);
            var previousIn = inside(previous);
            if (currentIn)
            {
                if (!previousIn)
                {
                    output.Add(intersect(previous, current));
                }

                output.Add(current);
            }
            else if (previousIn)
            {
                output.Add(intersect(previous, current));
            }
        }

        return output;
    }

    private static PixelPoint AtX(PixelPoint p, PixelPoint q, double x)
    {
        var t = (x - p.X) / (q.X - p.X);
        return new PixelPoint(x, p.Y + t * (q.Y - p.Y));
    }

    private static PixelPoint AtY(PixelPoint p, PixelPoint q, double y)
    {
        var t = (y - p.Y) / (q.Y - p.Y);
        return new PixelPoint(p.X + t * (q.X - p.X), y);
    }
}
