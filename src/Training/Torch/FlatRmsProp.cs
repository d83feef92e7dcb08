using static TorchSharp.torch;

namespace LrCluster.Training.Torch;

/// <summary>torch.optim.RMSprop (not centered): a running mean of squared gradients, optional momentum.</summary>
internal sealed class FlatRmsProp(FlatParameters parameters, OptimizerSettings settings) : FlatOptimizer(parameters, settings)
{
    private Tensor? squareAverage;
    private Tensor? momentumBuffer;

    public override void Step(double lr, double? momentum)
    {
        var m = momentum ?? Settings.Momentum;
        var alpha = Settings.Alpha;
        if (squareAverage is null)
        {
            squareAverage = zeros_like(Parameters.Values).DetachFromDisposeScope();
            if (m > 0)
            {
                momentumBuffer = zeros_like(Parameters.Values).DetachFromDisposeScope();
            }
        }

        var grad = Parameters.Gradients;
        if (Settings.WeightDecay != 0)
        {
            grad = grad.add(Parameters.Values, alpha: Settings.WeightDecay);
        }

        squareAverage.mul_(alpha).addcmul_(grad, grad, value: 1 - alpha);
        var average = squareAverage.sqrt().add_(Settings.Eps);
        if (m > 0 && momentumBuffer is not null)
        {
            momentumBuffer.mul_(m).addcdiv_(grad, average);
            Parameters.Values.add_(momentumBuffer, alpha: -lr);
        }
        else
        {
            Parameters.Values.addcdiv_(grad, average, value: -lr);
        }
    }

    public override void Reset()
    {
        squareAverage?.Dispose();
        momentumBuffer?.Dispose();
        squareAverage = null;
        momentumBuffer = null;
    }

    public override void Save(BinaryWriter writer)
    {
        SaveOptional(writer, squareAverage);
        SaveOptional(writer, momentumBuffer);
    }

    public override void Load(BinaryReader reader)
    {
        Reset();
        squareAverage = LoadOptional(reader);
        momentumBuffer = LoadOptional(reader);
    }
}
