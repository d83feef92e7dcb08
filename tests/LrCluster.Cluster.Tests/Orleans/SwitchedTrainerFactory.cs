using System.Collections.Concurrent;
using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Training.Runners;
using LrCluster.Training.Torch;

namespace LrCluster.Cluster.Tests.Orleans;

/// <summary>
/// Analytic trainers (deterministic, no libtorch) slowed to <paramref name="perStep"/> a step so a kill lands mid-trial,
/// obeying the silo's <see cref="SiloSwitch"/>. It counts the trainers alive per trial, which is how a test sees that
/// an activation has stopped (a trial grain disposes its trainer when it ends).
/// </summary>
internal sealed class SwitchedTrainerFactory(SiloSwitch power, TimeSpan perStep) : ITrainerFactory
{
    private readonly AnalyticTrainerFactory _inner = new();
    private readonly ConcurrentDictionary<string, int> _alive = new(StringComparer.Ordinal);

    /// <summary>Every trial this silo's slots built a trainer for, in order.</summary>
    public ConcurrentQueue<string> Created { get; } = new();

    public int Alive(string trialId) => _alive.TryGetValue(trialId, out var n) ? n : 0;

    public ITrialTrainer Create(SweepSpec spec, TrialDefinition trial)
    {
        _alive.AddOrUpdate(trial.Id, 1, (_, n) => n + 1);
        Created.Enqueue(trial.Id);
        return new Trainer(_inner.Create(spec, trial), this, trial.Id);
    }

    public int TrainRows(SweepSpec spec) => _inner.TrainRows(spec);

    private sealed class Trainer(ITrialTrainer inner, SwitchedTrainerFactory factory, string trialId) : ITrialTrainer
    {
        private int _disposed;

        public int TrainRows => inner.TrainRows;

        public double Step(ReadOnlySpan<long> batch, double lr, double? momentum)
        {
            Thread.Sleep(factory.PerStep);
            factory.Power.EnterStep();
            return inner.Step(batch, lr, momentum);
        }

        public EvalResult EvaluateValidation() => inner.EvaluateValidation();

        public byte[] SaveState() => inner.SaveState();

        public void LoadState(ReadOnlySpan<byte> state) => inner.LoadState(state);

        public void ResetOptimizer() => inner.ResetOptimizer();

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                factory._alive.AddOrUpdate(trialId, 0, (_, n) => n - 1);
                inner.Dispose();
            }
        }
    }

    private SiloSwitch Power => power;

    private TimeSpan PerStep => perStep;
}
