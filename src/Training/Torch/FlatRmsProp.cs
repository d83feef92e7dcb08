using static TorchSharp.torch;

namespace LrCluster.Training.Torch;

/// <summary>torch.optim.RMSprop (not centered): a running mean of squared gradients, optional momentum.</summary>
internal sealed class FlatRmsProp(FlatParameters parameters, OptimizerSettings settings) : FlatOptimizer(parameters, settings)
{
    private readonly CachedScalar weightDecay = new();
    private readonly CachedScalar alphaFactor = new();
    private readonly CachedScalar oneMinusAlpha = new();
    private readonly CachedScalar eps = new();
    private readonly CachedScalar momentumFactor = new();
    private readonly CachedScalar step = new();
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
            grad = grad.add(Parameters.Values, alpha: weightDecay.Of(Settings.WeightDecay));
        }

        squareAverage.mul_(alphaFactor.Of(alpha)).addcmul_(grad, grad, value: oneMinusAlpha.Of(1 - alpha));
        var average = squareAverage.sqrt().add_(eps.Of(Settings.Eps));
        if (m > 0 && momentumBuffer is not null)
        {
            momentumBuffer.mul_(momentumFactor.Of(m)).addcdiv_(grad, average);
            Parameters.Values.add_(momentumBuffer, alpha: step.Of(-lr));
        }
        else
        {
            Parameters.Values.addcdiv_(grad, average, value: step.Of(-lr));
        }
    }

    public override void Reset()
    {
        squareAverage?.Dispose();
        momentumBuffer?.Dispose();
        squareAverage = null;
        momentumBuffer = null;
    }

    protected override void DisposeScalars()
    {
        foreach (var scalar in new[] { weightDecay, alphaFactor, oneMinusAlpha, eps, momentumFactor, step })
        {
            scalar.Dispose();
        }
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
