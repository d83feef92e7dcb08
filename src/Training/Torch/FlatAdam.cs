using static TorchSharp.torch;

namespace LrCluster.Training.Torch;

/// <summary>
/// torch.optim.Adam (L2 weight decay added to the gradient) and AdamW (decoupled decay applied to the
/// weights), bias-corrected with the beta1 of the current step when a schedule cycles it.
/// </summary>
internal sealed class FlatAdam(FlatParameters parameters, OptimizerSettings settings, bool decoupled) : FlatOptimizer(parameters, settings)
{
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
                Parameters.Values.mul_(1 - (lr * Settings.WeightDecay));
            }
            else
            {
                grad = grad.add(Parameters.Values, alpha: Settings.WeightDecay);
            }
        }

        expAvg.mul_(beta1).add_(grad, alpha: 1 - beta1);
        expAvgSq.mul_(beta2).addcmul_(grad, grad, value: 1 - beta2);
        var biasCorrection1 = 1 - Math.Pow(beta1, steps);
        var biasCorrection2 = 1 - Math.Pow(beta2, steps);
        var denominator = (expAvgSq.sqrt() / Math.Sqrt(biasCorrection2)).add_(Settings.Eps);
        Parameters.Values.addcdiv_(expAvg, denominator, value: -lr / biasCorrection1);
    }

    public override void Reset()
    {
        expAvg?.Dispose();
        expAvgSq?.Dispose();
        expAvg = null;
        expAvgSq = null;
        steps = 0;
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
