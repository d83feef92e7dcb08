using static TorchSharp.torch;

namespace LrCluster.Training.Torch;

/// <summary>torch.optim.SGD: weight decay, momentum with dampening, Nesterov.</summary>
internal sealed class FlatSgd : FlatOptimizer
{
    private readonly CachedScalar weightDecay = new();
    private readonly CachedScalar momentumFactor = new();
    private readonly CachedScalar dampening = new();
    private readonly CachedScalar step = new();
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
            grad = grad.add(Parameters.Values, alpha: weightDecay.Of(Settings.WeightDecay));
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
                momentumBuffer.mul_(momentumFactor.Of(m)).add_(grad, alpha: dampening.Of(1 - Settings.Dampening));
            }

            grad = Settings.Nesterov ? grad.add(momentumBuffer, alpha: momentumFactor.Of(m)) : momentumBuffer;
        }

        Parameters.Values.add_(grad, alpha: step.Of(-lr));
    }

    public override void Reset()
    {
        momentumBuffer?.Dispose();
        momentumBuffer = null;
    }

    protected override void DisposeScalars()
    {
        weightDecay.Dispose();
        momentumFactor.Dispose();
        dampening.Dispose();
        step.Dispose();
    }

    public override void Save(BinaryWriter writer) => SaveOptional(writer, momentumBuffer);

    public override void Load(BinaryReader reader)
    {
        Reset();
        momentumBuffer = LoadOptional(reader);
    }
}
