namespace LrCluster.Core.RangeTest;

/// <summary>
/// fastai's exponential ladder: <c>start * (end/start)^(i/N)</c>; it approaches but never reaches <c>end</c>.
/// </summary>
public sealed class ExpFastaiLadder : ILrLadder
{
    public ExpFastaiLadder(double start, double end, int steps)
    {
        LadderGuard.PositiveFinite(start, nameof(start));
        LadderGuard.Above(end, start, nameof(end), nameof(start));
        LadderGuard.AtLeast(steps, 1, nameof(steps));
        Start = start;
        End = end;
        StepCount = steps;
    }

    public double Start { get; }

    public double End { get; }

    public int StepCount { get; }

    public string Mode => "exp-fastai";

    public double LrAt(int step)
    {
        LadderGuard.Step(step, StepCount);
        double r = (double)step / StepCount;
        return Start * Math.Pow(End / Start, r);
    }
}
