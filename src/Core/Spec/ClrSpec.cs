namespace LrCluster.Core.Spec;

/// <summary>
/// The cyclical phase. <see cref="StepSize"/> is null when given in epochs (resolved once the batch count is known).
/// <see cref="EvaluateEvery"/> adds held-out evaluations every that many steps to the ones at every epoch end (null: epoch
/// ends only), so the steps a config needs to reach the fixed baseline are counted finer than an epoch.
/// </summary>
public sealed record ClrSpec(
    int Epochs,
    int? StepSize,
    double? StepSizeEpochs,
    double? BaseLr,
    double? MaxLr,
    IReadOnlyList<ClrConfigSpec> Configs,
    int? EvaluateEvery = null)
{
    /// <summary>Half-cycle length in optimizer steps for a given number of batches per epoch.</summary>
    public int ResolveStepSize(int batchesPerEpoch) =>
        StepSize ?? Math.Max(1, (int)Math.Round(StepSizeEpochs!.Value * batchesPerEpoch));
}
