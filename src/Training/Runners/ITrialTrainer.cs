using LrCluster.Training.Torch;

namespace LrCluster.Training.Runners;

/// <summary>
/// What a trial runner needs from a model: one optimizer step at a given LR, an evaluation on
/// held-out data, and its whole state as bytes (model, optimizer, RNG) for checkpoints.
/// </summary>
public interface ITrialTrainer : IDisposable
{
    int TrainRows { get; }

    /// <summary>One step on the given training rows; returns the batch loss before the update.</summary>
    double Step(ReadOnlySpan<long> batch, double lr, double? momentum);

    EvalResult EvaluateValidation();

    byte[] SaveState();

    void LoadState(ReadOnlySpan<byte> state);

    /// <summary>A fresh optimizer with the weights kept: trw's grid ladder starts every LR this way.</summary>
    void ResetOptimizer();
}
