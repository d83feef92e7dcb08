namespace LrCluster.Core.RangeTest;

/// <summary>
/// trw's rule (seed 000), on the untrimmed curve: losses above <c>ratio * losses[0]</c> mark the curve as
/// blown up, except a leading run of such points that starts before index 5 (an unsettled start); the first
/// remaining marked index beyond 5 cuts the curve, and the answer is the LR of the lowest loss up to and
/// including the cut. NaN losses are never chosen; trw can crash or pick NaN in both places, this does not.
/// The final multiplier trw applies when it sets the LR is left to the caller. Needs one non-NaN loss.
/// </summary>
public sealed class SectionSuggestion : ISuggestionMethod
{
    public const string MethodName = "section";

    private const int SettleSteps = 5;

    public SectionSuggestion(double ratio = 0.8)
    {
        if (!double.IsFinite(ratio) || ratio <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "ratio must be a finite number greater than 0.");
        }

        Ratio = ratio;
    }

    public double Ratio { get; }

    public string Name => MethodName;

    public Suggestion? Suggest(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        CurveMath.CheckCurve(lrs, losses);
        int n = losses.Count;
        if (n == 0)
        {
            return null;
        }

        double threshold = Ratio * losses[0];
        var above = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (losses[i] > threshold)
            {
                above.Add(i);
            }
        }

        int first = 0;
        if (above.Count > 0 && above[0] < SettleSteps)
        {
            // Skip the leading run of consecutive indices; when it never breaks, nothing is left.
            first = 1;
            while (first < above.Count && above[first] == above[first - 1] + 1)
            {
                first++;
            }
        }

        int end = n;
        for (int k = first; k < above.Count; k++)
        {
            if (above[k] > SettleSteps)
            {
                end = above[k] + 1;
                break;
            }
        }

        int idx = CurveMath.ArgMin(losses, 0, end);
        return idx < 0 ? null : new Suggestion(Name, lrs[idx], idx);
    }
}
