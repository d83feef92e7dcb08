using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LrCluster.Training.Torch;

/// <summary>
/// Draws a built-in model's weights from a generator of its own. TorchSharp's layers initialise themselves from
/// libtorch's process-wide default generator, which any code in the process may draw from between a
/// <c>manual_seed</c> and the last layer; a private generator makes a seed give the same weights whatever else
/// runs. The draws are PyTorch's <c>reset_parameters</c> for Linear and Conv2d, in construction order:
/// weight from kaiming_uniform_(a = √5), then bias from U(-1/√fan_in, 1/√fan_in). So the weights are the ones
/// <c>torch.manual_seed(seed)</c> followed by building the same layers gives in PyTorch.
/// </summary>
internal static class SeededInitialisation
{
    public static void Apply(nn.Module module, long seed)
    {
        using var generator = new torch.Generator(unchecked((ulong)seed));
        using var noGrad = torch.no_grad();
        foreach (var layer in module.modules())
        {
            var (weight, bias) = layer switch
            {
                Linear linear => (linear.weight, linear.bias),
                Conv2d conv => (conv.weight, conv.bias),
                _ => (null, null),
            };
            if (weight is null)
            {
                continue;
            }

            var (fanIn, _) = nn.init.CalculateFanInAndFanOut(weight);
            // kaiming_uniform_ with a = √5, fan_in, leaky_relu, computed as libtorch computes it.
            var gain = Math.Sqrt(2.0 / (1 + 5.0));
            var bound = Math.Sqrt(3.0) * (gain / Math.Sqrt(fanIn));
            // Tensor.uniform_, not nn.init.uniform_: TorchSharp 0.107's init.uniform_ ignores its generator argument.
            weight.uniform_(-bound, bound, generator);
            if (bias is not null)
            {
                var biasBound = 1 / Math.Sqrt(fanIn);
                bias.uniform_(-biasBound, biasBound, generator);
            }
        }
    }
}
