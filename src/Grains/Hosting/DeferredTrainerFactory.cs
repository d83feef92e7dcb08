using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Hosting;

/// <summary>
/// A trainer factory still being built (libtorch loading) while the silo starts: the first trial's slot thread waits
/// for it, so start-up time is the longer of the two, not their sum.
/// </summary>
public sealed class DeferredTrainerFactory(Task<ITrainerFactory> loading) : ITrainerFactory
{
    public ITrialTrainer Create(SweepSpec spec, TrialDefinition trial) => loading.GetAwaiter().GetResult().Create(spec, trial);

    public int TrainRows(SweepSpec spec) => loading.GetAwaiter().GetResult().TrainRows(spec);
}
