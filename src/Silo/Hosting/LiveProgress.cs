using System.Collections.Concurrent;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Trials;

namespace LrCluster.Silo.Hosting;

/// <summary>
/// The per-step progress of trials running on this silo. The store's trial rows carry a trial's step only when it
/// starts and ends, so the gateway overlays these on running rows to show live progress for its own trials; trials on
/// other silos show what the store has.
/// </summary>
public sealed class LiveProgress
{
    private readonly ConcurrentDictionary<(string SweepId, string TrialId), TrialProgress> _running = new();

    public void Record(TrialProgress progress)
    {
        if (progress.Status == TrialStatus.Running)
        {
            _running[(progress.SweepId, progress.TrialId)] = progress;
        }
        else
        {
            _running.TryRemove((progress.SweepId, progress.TrialId), out _);
        }
    }

    public TrialProgress? Find(string sweepId, string trialId) => _running.TryGetValue((sweepId, trialId), out var p) ? p : null;

    /// <summary>Forgets trials that are no longer running here (cancelled, handed back, or lost to another silo).</summary>
    public void Forget(string sweepId, string trialId) => _running.TryRemove((sweepId, trialId), out _);
}
