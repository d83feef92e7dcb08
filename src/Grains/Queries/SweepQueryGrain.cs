using LrCluster.Grains.Contracts;
using LrCluster.Grains.Membership;
using LrCluster.Grains.Slots;
using LrCluster.Grains.Store;
using LrCluster.Grains.Sweeps;
using Orleans.Concurrency;

namespace LrCluster.Grains.Queries;

/// <summary>Reads for the gateway, served by a stateless worker on whichever silo the call reaches (a local one on a silo's own gateway).</summary>
[StatelessWorker]
public sealed class SweepQueryGrain(ISweepStore store, RunningTrials running, SiloDirectory silos) : Grain, ISweepQueryGrain
{
    public Task<IReadOnlyList<SweepInfo>> ListSweeps(int limit) => Offload(() => (IReadOnlyList<SweepInfo>)store.ListSweeps(limit).Select(SweepViews.Of).ToList());

    public Task<SweepInfo?> GetSweep(string sweepId) => Offload(() => store.GetSweep(sweepId) is { } s ? SweepViews.Of(s) : null);

    public Task<IReadOnlyList<TrialInfo>> ListTrials(string sweepId) => Offload(() => (IReadOnlyList<TrialInfo>)store.ListTrials(sweepId)
        .Select(t => SweepViews.Of(t, t.Status == Core.Sweeps.TrialStatus.Running ? running.Latest(TrialClaim.TrialKey(t.SweepId, t.Id)) : null)).ToList());

    public Task<IReadOnlyList<PointInfo>> ReadPoints(string sweepId, string trialId) =>
        Offload(() => (IReadOnlyList<PointInfo>)store.ReadPoints(sweepId, trialId).Select(SweepViews.Of).ToList());

    public Task<IReadOnlyList<EpochInfo>> ReadEpochs(string sweepId, string trialId) =>
        Offload(() => (IReadOnlyList<EpochInfo>)store.ReadEpochs(sweepId, trialId).Select(SweepViews.Of).ToList());

    public Task<IReadOnlyList<SiloInfo>> ListSilos() => silos.ListAsync(GrainFactory);

    public Task<IReadOnlyList<EvaluationInfo>> ReadEvaluations(string sweepId, string trialId) =>
        Offload(() => (IReadOnlyList<EvaluationInfo>)store.ReadEvaluations(sweepId, trialId).Select(SweepViews.Of).ToList());

    // The store's calls are synchronous: keep them off the Orleans scheduler.
    private static Task<T> Offload<T>(Func<T> read) => Task.Run(read);
}
