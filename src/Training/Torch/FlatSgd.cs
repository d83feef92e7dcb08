using static TorchSharp.torch;

namespace LrCluster.Training.Torch;

/// <summary>torch.optim.SGD: weight decay, momentum with dampening, Nesterov.</summary>
internal sealed class FlatSgd : FlatOptimizer
{
    private Tensor? momentumBuffer;

    public FlatSgd(FlatParameters parameters, OptimizerSettings settings)
        : base(parameters, settings)
    {
        if (settings.Nesterov && (settings.Momentum <= 0 || settings.Dampening != 0))
        {
            throw new TorchException("Nesterov momentum requires a momentum and zero dampening");
        }
    }

    public override void Step(double lr, double? momentum)
    {
        var m = momentum ?? Settings.Momentum;
        var grad = Parameters.Gradients;
        if (Settings.WeightDecay != 0)
        {
            grad = grad.add(Parameters.Values, alpha: Settings.WeightDecay);
        }

        if (m != 0)
        {
            if (momentumBuffer is null)
            {
                // PyTorch's first step takes the gradient as it is, without dampening.
                momentumBuffer = grad.clone().DetachFromDisposeScope();
            }
            else
            {
                momentumBuffer.mul_(m).add_(grad, alpha: 1 - Settings.Dampening);
            }

            grad = Settings.Nesterov ? grad.add(momentumBuffer, alpha: m) : momentumBuffer;
        }

        Parameters.Values.add_(grad, alpha: -lr);
    }

    public override void Reset()
    {
        momentumBuffer?.Dispose();
        momentumBuffer = null;
    }

    public override void Save(BinaryWriter writer) => SaveOptional(writer, momentumBuffer);

    public override void Load(BinaryReader reader)
    {
        Reset();
        momentumBuffer = LoadOptional(reader);
    }
}
