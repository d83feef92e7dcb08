using TorchSharp;
using static TorchSharp.torch;

namespace LrCluster.Training.Torch;

/// <summary>
/// A model's trainable parameters re-seated as views of one contiguous buffer, with their gradients
/// views of a second one. Autograd accumulates into an existing gradient in place, so after a backward
/// pass <see cref="Gradients"/> holds every gradient, and an optimizer updates the whole model with a
/// handful of element-wise ops instead of a handful per parameter: the training step's cost here is
/// per op (a P/Invoke and a libtorch dispatch each), not per FLOP.
/// </summary>
internal sealed class FlatParameters : IDisposable
{
    public FlatParameters(nn.Module module)
    {
        var parameters = module.parameters().Where(p => p.requires_grad).ToArray();
        if (parameters.Length == 0)
        {
            throw new TorchException("the model has no trainable parameters");
        }

        var dtype = parameters[0].dtype;
        var device = parameters[0].device;
        if (parameters.Any(p => p.dtype != dtype || p.device_type != device.type || p.device_index != device.index))
        {
            throw new TorchException("every trainable parameter must have the same dtype and device (found "
                + string.Join(", ", parameters.Select(p => $"{p.dtype} on {p.device}").Distinct()) + ")");
        }

        Count = parameters.Sum(p => p.numel());
        Values = torch.empty(Count, dtype, device);
        Gradients = torch.zeros(Count, dtype, device);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var offset = 0L;
        foreach (var parameter in parameters)
        {
            var n = parameter.numel();
            var view = Values.narrow(0, offset, n).view(parameter.shape);
            view.copy_(parameter);
            parameter.set_(view);
            parameter.grad = Gradients.narrow(0, offset, n).view(parameter.shape);
            offset += n;
        }
    }

    /// <summary>Number of trainable scalars.</summary>
    public long Count { get; }

    public Tensor Values { get; }

    public Tensor Gradients { get; }

    public void Dispose()
    {
        Values.Dispose();
        Gradients.Dispose();
    }
}
