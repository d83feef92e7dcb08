namespace LrCluster.Core.RangeTest;

internal static class SectionGuard
{
    public static void Ratio(double ratio)
    {
        // A ratio of 1 or less would give a base LR at or above the max LR.
        if (!double.IsFinite(ratio) || ratio <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "ratio must be a finite number greater than 1.");
        }
    }
}
