namespace LrCluster.Core.Schedules;

/// <summary>
/// Where a step falls in a (possibly asymmetric) triangular cycle, computed with exactly the
/// floating-point operations of PyTorch's CyclicLR so results agree to the last bit.
/// </summary>
internal static class CyclePosition
{
    /// <summary>Returns the 1-based cycle number and the height in the triangle, in [0, 1].</summary>
    public static (double Cycle, double Scale) Locate(long step, double totalSize, double stepRatio)
    {
        double cycle = Math.Floor(1 + step / totalSize);
        double x = 1.0 + step / totalSize - cycle;
        double scale = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
        return (cycle, scale);
    }
}
