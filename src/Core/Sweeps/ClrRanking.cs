namespace LrCluster.Core.Sweeps;

/// <summary>
/// Ranks cyclical configurations by final validation loss (Smith: stop at the end of a cycle and judge
/// there), best epoch as tie-break; a config that diverged or failed ranks after every finished one.
/// </summary>
public static class ClrRanking
{
    public static IReadOnlyList<ClrResult> Rank(IEnumerable<ClrResult> results) =>
        results
            .OrderBy(r => r.Status == TrialStatus.Completed && double.IsFinite(r.FinalValLoss) ? 0 : 1)
            .ThenBy(r => double.IsFinite(r.FinalValLoss) ? r.FinalValLoss : double.MaxValue)
            .ThenBy(r => r.BestValLoss)
            .ThenBy(r => r.Config, StringComparer.Ordinal)
            .Select((r, i) => r with { Rank = i + 1 })
            .ToList();

    public static ClrResult Summarize(string config, string policy, TrialStatus status, IReadOnlyList<EpochPoint> epochs)
    {
        if (epochs.Count == 0)
        {
            return new ClrResult(config, policy, status, 0, double.NaN, double.NaN, double.NaN, 0);
        }

        var best = epochs.MinBy(e => double.IsFinite(e.ValLoss) ? e.ValLoss : double.MaxValue)!;
        var last = epochs[^1];
        return new ClrResult(config, policy, status, epochs.Count, last.ValLoss, last.ValMetric, best.ValLoss, best.Epoch);
    }
}
