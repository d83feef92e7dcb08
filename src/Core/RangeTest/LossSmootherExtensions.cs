namespace LrCluster.Core.RangeTest;

public static class LossSmootherExtensions
{
    /// <summary>
    /// Resets <paramref name="smoother"/> and smooths the whole raw sequence; the smoother is left in the state
    /// after the last loss, ready for the next step of a resumed trial.
    /// </summary>
    public static double[] SmoothAll(this ILossSmoother smoother, IEnumerable<double> losses)
    {
        ArgumentNullException.ThrowIfNull(smoother);
        ArgumentNullException.ThrowIfNull(losses);
        smoother.Reset();
        var smoothed = new List<double>();
        foreach (double loss in losses)
        {
            smoothed.Add(smoother.Next(loss));
        }

        return smoothed.ToArray();
    }
}
