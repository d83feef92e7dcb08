namespace LrCluster.Core.RangeTest;

/// <summary>
/// trw's grid (seed 000): LR levels <c>start * m^k</c> while below <c>stop</c>; each level trains on
/// <see cref="SamplesPerLr"/> samples with a fresh optimizer and records one mean loss. It is not an
/// <see cref="ILrLadder"/> because a level spans many steps, not one.
/// </summary>
public sealed class GridLadder
{
    /// <summary>Guards against multipliers so close to 1 that the grid would exhaust memory.</summary>
    public const int MaxLevels = 1_000_000;

    public GridLadder(double start, double stop, double multiplier, int samplesPerLr = 1000)
    {
        LadderGuard.PositiveFinite(start, nameof(start));
        LadderGuard.Above(stop, start, nameof(stop), nameof(start));
        LadderGuard.Above(multiplier, 1, nameof(multiplier), "1");
        LadderGuard.AtLeast(samplesPerLr, 1, nameof(samplesPerLr));

        double estimate = Math.Log(stop / start) / Math.Log(multiplier);
        if (estimate > MaxLevels)
        {
            throw new ArgumentException(
                $"multiplier {multiplier} is too close to 1: the grid from {start} to {stop} would have more than {MaxLevels} levels.",
                nameof(multiplier));
        }

        var levels = new List<double>();
        for (int k = 0; ; k++)
        {
            double lr = start * Math.Pow(multiplier, k);
            if (!(lr < stop))
            {
                break;
            }

            levels.Add(lr);
        }

        Start = start;
        Stop = stop;
        Multiplier = multiplier;
        SamplesPerLr = samplesPerLr;
        Levels = levels.AsReadOnly();
    }

    public double Start { get; }

    public double Stop { get; }

    public double Multiplier { get; }

    public int SamplesPerLr { get; }

    public IReadOnlyList<double> Levels { get; }
}
