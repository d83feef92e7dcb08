namespace LrCluster.Core.Sweeps;

/// <summary>What a trial's validation metric is for a loss: accuracy (higher is better) for classification losses, mean absolute error (lower is better) otherwise.</summary>
public static class ValidationMetric
{
    public static bool HigherIsBetter(string loss) => loss is "crossEntropy" or "bceWithLogits";

    public static string Name(string loss) => HigherIsBetter(loss) ? "accuracy" : "mean absolute error";

    /// <summary>Whether <paramref name="value"/> is at least as good as <paramref name="target"/>.</summary>
    public static bool Reaches(double value, double target, bool higherIsBetter) =>
        double.IsFinite(value) && (higherIsBetter ? value >= target : value <= target);
}
