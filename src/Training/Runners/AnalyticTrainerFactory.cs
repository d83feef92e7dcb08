using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;

namespace LrCluster.Training.Runners;

/// <summary>Analytic trainers for scheduling tests and orchestration benchmarks (see <see cref="AnalyticTrainer"/>).</summary>
public sealed class AnalyticTrainerFactory(int rows = 512) : ITrainerFactory
{
    public int TrainRows(SweepSpec spec) => rows;

    public ITrialTrainer Create(SweepSpec spec, TrialDefinition trial) =>
        new AnalyticTrainer(trial.Seed, rows, trial.Optimizer.Momentum);
}
