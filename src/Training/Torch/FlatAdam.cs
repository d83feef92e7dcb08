using static TorchSharp.torch;

namespace LrCluster.Training.Torch;

/// <summary>
/// torch.optim.Adam (L2 weight decay added to the gradient) and AdamW (decoupled decay applied to the
/// weights), bias-corrected with the beta1 of the current step when a schedule cycles it.
/// </summary>
internal sealed class FlatAdam(FlatParameters parameters, OptimizerSettings settings, bool decoupled) : FlatOptimizer(parameters, settings)
{
    private readonly CachedScalar decay = new();
    private readonly CachedScalar weightDecay = new();
    private readonly CachedScalar beta1Factor = new();
    private readonly CachedScalar oneMinusBeta1 = new();
    private readonly CachedScalar beta2Factor = new();
    private readonly CachedScalar oneMinusBeta2 = new();
    private readonly CachedScalar biasCorrection2Root = new();
    private readonly CachedScalar eps = new();
    private readonly CachedScalar step = new();
    private Tensor? expAvg;
    private Tensor? expAvgSq;
    private long steps;

    public override void Step(double lr, double? momentum)
    {
        var beta1 = momentum ?? Settings.Beta1;
        var beta2 = Settings.Beta2;
        expAvg ??= zeros_like(Parameters.Values).DetachFromDisposeScope();
        expAvgSq ??= zeros_like(Parameters.Values).DetachFromDisposeScope();
        steps++;

        var grad = Parameters.Gradients;
        if (Settings.WeightDecay != 0)
        {
            if (decoupled)
            {
                Parameters.Values.mul_(decay.Of(1 - (lr * Settings.WeightDecay)));
            }
            else
            {
                grad = grad.add(Parameters.Values, alpha: weightDecay.Of(Settings.WeightDecay));
            }
        }

        expAvg.mul_(beta1Factor.Of(beta1)).add_(grad, alpha: oneMinusBeta1.Of(1 - beta1));
        expAvgSq.mul_(beta2Factor.Of(beta2)).addcmul_(grad, grad, value: oneMinusBeta2.Of(1 - beta2));
        var biasCorrection1 = 1 - Math.Pow(beta1, steps);
        var biasCorrection2 = 1 - Math.Pow(beta2, steps);
        var denominator = expAvgSq.sqrt().div_(biasCorrection2Root.Of(Math.Sqrt(biasCorrection2))).add_(eps.Of(Settings.Eps));
        Parameters.Values.addcdiv_(expAvg, denominator, value: step.Of(-lr / biasCorrection1));
    }

    public override void Reset()
    {
        expAvg?.Dispose();
        expAvgSq?.Dispose();
        expAvg = null;
        expAvgSq = null;
        steps = 0;
    }

    protected override void DisposeScalars()
    {
        foreach (var scalar in new[] { decay, weightDecay, beta1Factor, oneMinusBeta1, beta2Factor, oneMinusBeta2, biasCorrection2Root, eps, step })
        {
            scalar.Dispose();
        }
    }

    public override void Save(BinaryWriter writer)
    {
        writer.Write(steps);
        SaveOptional(writer, expAvg);
        SaveOptional(writer, expAvgSq);
    }

    public override void Load(BinaryReader reader)
    {
        Reset();
        steps = reader.ReadInt64();
        expAvg = LoadOptional(reader);
        expAvgSq = LoadOptional(reader);
    }
}
