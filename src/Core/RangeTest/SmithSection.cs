namespace LrCluster.Core.RangeTest;

/// <summary>
/// Smith 2017, section 3.3: <c>maxLr</c> is where the descent ends: the first point that has covered
/// <c>endFraction</c> (default 90%) of the whole drop to the lowest loss (anything after the minimum is ignored).
/// The minimum itself sits at the divergence cliff, and on a smoothed curve the EMA lag puts it past the
/// real turn: cycling up to it made the cyclical trials blow up. <c>baseLr</c> the LR of the first point whose loss is below <c>losses[0]</c> by at least
/// <c>startFraction</c> of the whole drop to the minimum. A fixed fraction of the drop, rather than "any
/// decrease", keeps noise on a flat start from setting the base too low. When the whole drop happens in one step
/// the base steps back one point, so that <c>baseLr &lt; maxLr</c>. Null when the curve never falls below its
/// first loss, or when <c>losses[0]</c> is not finite. The suggestion is not used.
/// </summary>
public sealed class SmithSection : ISectionRule
{
    public const string RuleName = "smith";

    public SmithSection(double startFraction = 0.05, double endFraction = 0.9)
    {
        if (!(startFraction > 0 && startFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(startFraction), startFraction, "startFraction must be in (0, 1).");
        }

        if (!(endFraction > startFraction && endFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(endFraction), endFraction, "endFraction must be in (startFraction, 1].");
        }

        StartFraction = startFraction;
        EndFraction = endFraction;
    }

    public double StartFraction { get; }

    public double EndFraction { get; }

    public string Name => RuleName;

    public LrSection? Choose(IReadOnlyList<double> lrs, IReadOnlyList<double> losses, Suggestion? suggestion)
    {
        CurveMath.CheckCurve(lrs, losses);
        if (losses.Count < 2 || !double.IsFinite(losses[0]))
        {
            return null;
        }

        int minIdx = CurveMath.ArgMin(losses, 0, losses.Count);
        // The first minimum sits at 0 exactly when nothing later is lower: the loss never fell.
        if (minIdx <= 0)
        {
            return null;
        }

        double drop = losses[0] - losses[minIdx];
        int endIdx = minIdx;
        for (int i = 1; i < minIdx; i++)
        {
            if (losses[0] - losses[i] >= EndFraction * drop)
            {
                endIdx = i;
                break;
            }
        }

        minIdx = endIdx;
        double needed = StartFraction * drop;
        int baseIdx = minIdx;
        for (int i = 1; i < minIdx; i++)
        {
            if (losses[0] - losses[i] >= needed)
            {
                baseIdx = i;
                break;
            }
        }

        if (baseIdx == minIdx)
        {
            baseIdx = minIdx - 1;
        }

        double baseLr = lrs[baseIdx];
        double maxLr = lrs[minIdx];
        return baseLr < maxLr ? new LrSection(baseLr, maxLr, Name) : null;
    }
}
