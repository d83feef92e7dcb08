namespace LrCluster.Plots;

/// <summary>Maps data values onto a pixel interval, linearly or by decades.</summary>
internal sealed class AxisScale
{
    private readonly double _lo;
    private readonly double _hi;
    private readonly double _pixelStart;
    private readonly double _pixelEnd;

    public AxisScale(double min, double max, bool isLog, double pixelStart, double pixelEnd)
    {
        Min = min;
        Max = max;
        IsLog = isLog;
        _lo = Transform(min);
        _hi = Transform(max);
        _pixelStart = pixelStart;
        _pixelEnd = pixelEnd;
    }

    public double Min { get; }

    public double Max { get; }

    public bool IsLog { get; }

    public double PixelLength => Math.Abs(_pixelEnd - _pixelStart);

    /// <summary>Whether the value can be placed on this axis at all (finite, and positive on a log axis).</summary>
    public bool Accepts(double value) => double.IsFinite(value) && (!IsLog || value > 0);

    public double Map(double value)
    {
        var pixel = _pixelStart + (Transform(value) - _lo) / (_hi - _lo) * (_pixelEnd - _pixelStart);

        // Values far outside the range (an exploded loss of 1e30) would otherwise overflow the geometry code;
        // anything this far out is clipped away anyway.
        return Math.Clamp(pixel, -1e7, 1e7);
    }

    public bool InRange(double value) => Accepts(value) && value >= Min && value <= Max;

    private double Transform(double value) => IsLog ? Math.Log10(value) : value;
}
