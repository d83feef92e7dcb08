namespace LrCluster.Plots;

/// <summary>An axis-aligned rectangle in SVG user units (y grows downwards).</summary>
internal readonly record struct PlotRect(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;

    public double Height => Bottom - Top;

    public bool Contains(PixelPoint p) => p.X >= Left && p.X <= Right && p.Y >= Top && p.Y <= Bottom;

    public PlotRect Inflate(double by) => new(Left - by, Top - by, Right + by, Bottom + by);
}
