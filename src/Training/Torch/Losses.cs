using TorchSharp;
using static TorchSharp.torch;

namespace LrCluster.Training.Torch;

/// <summary>The training losses and the evaluation metric that goes with each.</summary>
internal static class Losses
{
    public static Tensor Compute(LossKind kind, Tensor output, Tensor target)
    {
        if (kind == LossKind.CrossEntropy)
        {
            if (target.dtype != ScalarType.Int64)
            {
                throw new TorchException("cross entropy needs int64 class labels as targets");
            }

            return nn.functional.cross_entropy(output, target);
        }

        var aligned = AlignToTarget(output, target);
        return kind switch
        {
            LossKind.Mse => nn.functional.mse_loss(aligned, target),
            LossKind.L1 => nn.functional.l1_loss(aligned, target),
            LossKind.Huber => nn.functional.huber_loss(aligned, target, 1.0),
            LossKind.BceWithLogits => nn.functional.binary_cross_entropy_with_logits(aligned, target),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss kind"),
        };
    }

    /// <summary>
    /// The per-sample metric summed over the rows, so chunks of any size average correctly: correct
    /// predictions for cross entropy and BCE-with-logits (accuracy), absolute error otherwise (MAE).
    /// </summary>
    public static double MetricSum(LossKind kind, Tensor output, Tensor target)
    {
        if (kind == LossKind.CrossEntropy)
        {
            return output.argmax(1).eq(target).sum().ToDouble();
        }

        var aligned = AlignToTarget(output, target);
        return kind == LossKind.BceWithLogits
            ? aligned.gt(0).eq(target.gt(0.5)).sum().ToDouble()
            : (aligned - target).abs().to(ScalarType.Float64).sum().ToDouble();
    }

    // A single-output regressor emits [B, 1] while targets may be [B]; broadcasting the two would
    // silently compute a [B, B] loss.
    private static Tensor AlignToTarget(Tensor output, Tensor target) =>
        output.dim() == 2 && output.shape[1] == 1 && target.dim() == 1 ? output.squeeze(1) : output;
}
