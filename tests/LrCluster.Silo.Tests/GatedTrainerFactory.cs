using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Training.Runners;
using LrCluster.Training.Torch;

namespace LrCluster.Silo.Tests;

/// <summary>
/// Analytic trainers whose steps a test can hold: while the gate is closed, a step waits inside the trainer (as a long
/// training step would), so the silo's shutdown cannot finish handing the trial back until the test opens it again.
/// </summary>
internal sealed class GatedTrainerFactory : ITrainerFactory
{
    private readonly AnalyticTrainerFactory _inner = new();
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private readonly SemaphoreSlim _held = new(0);

    public ITrialTrainer Create(SweepSpec spec, TrialDefinition trial) => new Gated(_inner.Create(spec, trial), this);

    public int TrainRows(SweepSpec spec) => _inner.TrainRows(spec);

    /// <summary>Closes the gate and returns once a step waits at it.</summary>
    public async Task HoldAsync(TimeSpan timeout)
    {
        _open.Reset();
        if (!await _held.WaitAsync(timeout))
        {
            throw new TimeoutException($"no training step reached the gate within {timeout}");
        }
    }

    public void Release() => _open.Set();

    private sealed class Gated(ITrialTrainer inner, GatedTrainerFactory gate) : ITrialTrainer
    {
        public int TrainRows => inner.TrainRows;

        public double Step(ReadOnlySpan<long> batch, double lr, double? momentum)
        {
            if (!gate._open.IsSet)
            {
                gate._held.Release();
                gate._open.Wait();
            }

            Thread.Sleep(1);
            return inner.Step(batch, lr, momentum);
        }

        public EvalResult EvaluateValidation() => inner.EvaluateValidation();

        public byte[] SaveState() => inner.SaveState();

        public void LoadState(ReadOnlySpan<byte> state) => inner.LoadState(state);

        public void ResetOptimizer() => inner.ResetOptimizer();

        public void Dispose() => inner.Dispose();
    }
}
