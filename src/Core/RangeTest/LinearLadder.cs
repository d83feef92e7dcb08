namespace LrCluster.Core.RangeTest;

/// <summary>Linear ladder that hits both ends: <c>start + (end-start) * i/(N-1)</c>.</summary>
public sealed class LinearLadder : ILrLadder
{
    public LinearLadder(double start, double end, int steps)
    {
        LadderGuard.PositiveFinite(start, nameof(start));
        LadderGuard.Above(end, start, nameof(end), nameof(start));
        LadderGuard.AtLeast(steps, 2, nameof(steps));
        Start = start;
        End = end;
        StepCount = steps;
    }

    public double Start { get; }

    public double End { get; }

    public int StepCount { get; }

    public string Mode => "linear";

    public double LrAt(int step)
    {
        LadderGuard.Step(step, StepCount);
        // Fraction first, as torch-lr-finder does, so the rounding matches it.
        double r = (double)step / (StepCount - 1);
        return Start + r * (End - Start);
    }
}
