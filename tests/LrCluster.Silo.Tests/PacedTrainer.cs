using LrCluster.Training.Runners;
using LrCluster.Training.Torch;

namespace LrCluster.Silo.Tests;

/// <summary>An <see cref="ITrialTrainer"/> that waits before each step and otherwise defers to the one it wraps.</summary>
internal sealed class PacedTrainer(ITrialTrainer inner, TimeSpan perStep) : ITrialTrainer
{
    public int TrainRows => inner.TrainRows;

    public double Step(ReadOnlySpan<long> batch, double lr, double? momentum)
    {
        Thread.Sleep(perStep);
        return inner.Step(batch, lr, momentum);
    }

    public EvalResult EvaluateValidation() => inner.EvaluateValidation();

    public byte[] SaveState() => inner.SaveState();

    public void LoadState(ReadOnlySpan<byte> state) => inner.LoadState(state);

    public void ResetOptimizer() => inner.ResetOptimizer();

    public void Dispose() => inner.Dispose();
}
