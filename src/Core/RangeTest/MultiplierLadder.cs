namespace LrCluster.Core.RangeTest;

/// <summary>
/// Open-ended geometric ladder (seed 002's LR_Finder): <c>start * m^i</c>, run until divergence stops it
/// or <see cref="StepCount"/> steps have been taken.
/// </summary>
public sealed class MultiplierLadder : ILrLadder
{
    public MultiplierLadder(double start, double multiplier, int maxSteps)
    {
        LadderGuard.PositiveFinite(start, nameof(start));
        // A multiplier of 1 or less never raises the LR, so the test could never find divergence.
        LadderGuard.Above(multiplier, 1, nameof(multiplier), "1");
        LadderGuard.AtLeast(maxSteps, 1, nameof(maxSteps));
        Start = start;
        Multiplier = multiplier;
        StepCount = maxSteps;
    }

    public double Start { get; }

    public double Multiplier { get; }

    public int StepCount { get; }

    public string Mode => "multiplier";

    public double LrAt(int step)
    {
        LadderGuard.Step(step, StepCount);
        // A power rather than a running product so that step i does not carry i roundings.
        return Start * Math.Pow(Multiplier, step);
    }
}
