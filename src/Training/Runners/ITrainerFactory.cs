using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;

namespace LrCluster.Training.Runners;

/// <summary>Builds a fresh trainer for a trial: the same initial weights for the same seed, whatever ran before.</summary>
public interface ITrainerFactory
{
    ITrialTrainer Create(SweepSpec spec, TrialDefinition trial);

    /// <summary>Training rows after the validation split: fixes batches per epoch before any trial runs.</summary>
    int TrainRows(SweepSpec spec);
}
