namespace LrCluster.Core.Schedules;

/// <summary>
/// Seed 002's CircularLR: a symmetric triangular cycle whose top decays every
/// <c>decayFrequency</c> cycles, top(c) = max(base, max * decay^floor(c / decayFrequency)), c from 0.
/// </summary>
public sealed class DecayingCyclicSchedule : ILrSchedule
{
    private readonly double _totalSize;

    public DecayingCyclicSchedule(double baseLr, double maxLr, int stepSize, double decay, int decayFrequency)
    {
        if (!double.IsFinite(baseLr) || baseLr < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(baseLr), baseLr, "baseLr must be finite and >= 0.");
        }

        if (!double.IsFinite(maxLr) || maxLr < baseLr)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLr), maxLr, $"maxLr must be finite and >= baseLr ({baseLr}).");
        }

        if (stepSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "stepSize must be >= 1.");
        }

        if (!(decay > 0 && decay <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "decay must be in (0, 1].");
        }

        if (decayFrequency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(decayFrequency), decayFrequency, "decayFrequency must be >= 1 (cycles per decay).");
        }

        BaseLr = baseLr;
        MaxLr = maxLr;
        StepSize = stepSize;
        Decay = decay;
        DecayFrequency = decayFrequency;
        _totalSize = 2.0 * stepSize;
    }

    public double BaseLr { get; }

    public double MaxLr { get; }

    public int StepSize { get; }

    public double Decay { get; }

    public int DecayFrequency { get; }

    public string Policy => "decaying";

    public ScheduleValue At(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        (double cycle, double scale) = CyclePosition.Locate(step, _totalSize, 0.5);
        long decays = ((long)cycle - 1) / DecayFrequency;
        double top = Math.Max(BaseLr, MaxLr * Math.Pow(Decay, decays));
        return new ScheduleValue(BaseLr + (top - BaseLr) * scale, null);
    }
}
