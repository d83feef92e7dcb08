using LrCluster.Training.Torch;
using static TorchSharp.torch;

namespace LrCluster.Training.Runners;

/// <summary>A trial trainer over libtorch: model, optimizer and the device-resident train and validation tensors.</summary>
public sealed class TorchTrialTrainer(TorchModel model, TorchTrainer trainer, Tensor validationX, Tensor validationY, int trainRows) : ITrialTrainer
{
    public int TrainRows => trainRows;

    public double Step(ReadOnlySpan<long> batch, double lr, double? momentum) => trainer.Step(batch, lr, momentum);

    public EvalResult EvaluateValidation() => trainer.Evaluate(validationX, validationY);

    public byte[] SaveState() => trainer.SaveState();

    public void LoadState(ReadOnlySpan<byte> state) => trainer.LoadState(state);

    public void ResetOptimizer() => trainer.ResetOptimizer();

    public void Dispose()
    {
        trainer.Dispose();
        model.Dispose();
    }
}
