namespace LrCluster.Grains.Contracts;

/// <summary>Reads for the gateway and the CLI: sweeps, trials, curves and the membership, from any silo.</summary>
[Alias("lrc.ISweepQueryGrain")]
public interface ISweepQueryGrain : IGrainWithIntegerKey
{
    /// <summary>The newest sweeps first.</summary>
    [Alias("ListSweeps")]
    Task<IReadOnlyList<SweepInfo>> ListSweeps(int limit);

    /// <summary>One sweep, or null.</summary>
    [Alias("GetSweep")]
    Task<SweepInfo?> GetSweep(string sweepId);

    /// <summary>The sweep's trials, range tests first, with live progress where a trial trains.</summary>
    [Alias("ListTrials")]
    Task<IReadOnlyList<TrialInfo>> ListTrials(string sweepId);

    /// <summary>A trial's recorded loss points in step order.</summary>
    [Alias("ReadPoints")]
    Task<IReadOnlyList<PointInfo>> ReadPoints(string sweepId, string trialId);

    /// <summary>A trial's evaluations per epoch.</summary>
    [Alias("ReadEpochs")]
    Task<IReadOnlyList<EpochInfo>> ReadEpochs(string sweepId, string trialId);

    /// <summary>The silos of the cluster as Orleans' membership sees them, with their slots.</summary>
    [Alias("ListSilos")]
    Task<IReadOnlyList<SiloInfo>> ListSilos();

    /// <summary>A cyclical trial's held-out evaluations in step order.</summary>
    [Alias("ReadEvaluations")]
    Task<IReadOnlyList<EvaluationInfo>> ReadEvaluations(string sweepId, string trialId);
}
