using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Training.Runners;

namespace LrCluster.Silo.Tests;

/// <summary>Analytic trainers that sleep before every step, so a sweep runs long enough to be watched or cancelled.</summary>
internal sealed class PacedTrainerFactory(TimeSpan perStep) : ITrainerFactory
{
    private readonly AnalyticTrainerFactory _inner = new();

    public ITrialTrainer Create(SweepSpec spec, TrialDefinition trial) => new PacedTrainer(_inner.Create(spec, trial), perStep);

    public int TrainRows(SweepSpec spec) => _inner.TrainRows(spec);
}
