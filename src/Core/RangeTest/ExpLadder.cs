namespace LrCluster.Core.RangeTest;

/// <summary>
/// Exponential ladder that hits both ends (torch-lr-finder): <c>start * (end/start)^(i/(N-1))</c>.
/// </summary>
public sealed class ExpLadder : ILrLadder
{
    public ExpLadder(double start, double end, int steps)
    {
        LadderGuard.PositiveFinite(start, nameof(start));
        LadderGuard.Above(end, start, nameof(end), nameof(start));
        // Both ends are hit, so a single step would have to be start and end at once.
        LadderGuard.AtLeast(steps, 2, nameof(steps));
        Start = start;
        End = end;
        StepCount = steps;
    }

    public double Start { get; }

    public double End { get; }

    public int StepCount { get; }

    public string Mode => "exp";

    public double LrAt(int step)
    {
        LadderGuard.Step(step, StepCount);
        // Same operation order as the reference so the values agree with Python to the last bit.
        double r = (double)step / (StepCount - 1);
        return Start * Math.Pow(End / Start, r);
    }
}
