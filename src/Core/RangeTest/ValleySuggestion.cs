namespace LrCluster.Core.RangeTest;

/// <summary>
/// fastai's "valley": find the longest strictly decreasing run of losses (as a subsequence) and answer the LR a
/// little past its first third, on the fastai window <c>[numIt // 10, n - 5)</c> cut at the first NaN. fastai can
/// compute index -1 there (and Python then reads the last point); this clamps it to the window's first point.
/// Needs at least one point in the window (with the default numIt, n &gt;= 6).
/// </summary>
public sealed class ValleySuggestion : ISuggestionMethod
{
    public const string MethodName = "valley";

    public ValleySuggestion(int? numIt = null)
    {
        CurveMath.CheckNumIt(numIt);
        NumIt = numIt;
    }

    public int? NumIt { get; }

    public string Name => MethodName;

    public Suggestion? Suggest(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        CurveMath.CheckCurve(lrs, losses);
        var (start, end) = CurveMath.FastaiWindow(losses, NumIt);
        int n = end - start;
        if (n < 1)
        {
            return null;
        }

        var lds = new int[n];
        Array.Fill(lds, 1);
        int maxStart = 0;
        int maxEnd = 0;
        for (int i = 1; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (losses[start + i] < losses[start + j] && lds[i] < lds[j] + 1)
                {
                    lds[i] = lds[j] + 1;
                }

                // Where fastai checks it. lds[i] can only reach the best length so far plus one, so checking
                // once per i would give the same run; this placement keeps the code comparable line by line.
                if (lds[maxEnd] < lds[i])
                {
                    maxEnd = i;
                    maxStart = maxEnd - lds[maxEnd];
                }
            }
        }

        double sections = (maxEnd - maxStart) / 3.0;
        int idx = maxStart + (int)Math.Floor(sections) + (int)Math.Floor(sections / 2);
        idx = Math.Max(idx, 0);
        return new Suggestion(Name, lrs[start + idx], start + idx);
    }
}
