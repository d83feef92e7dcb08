using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;

namespace LrCluster.Grains.Sweeps;

/// <summary>Places trials on free slots and waits for all of them; returns each trial's final status in order.</summary>
public interface ITrialDispatcher
{
    Task<IReadOnlyList<TrialStatus>> RunAllAsync(string sweepId, SweepSpec spec, IReadOnlyList<TrialDefinition> trials, CancellationToken cancellation);
}
