using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LrCluster.Training.Finder;

/// <summary>
/// Everything a range test changes in the user's model, taken before and put back after: parameter
/// values and gradients (in place, so optimizers holding the parameters stay valid), buffers, each
/// submodule's train/eval mode and the default CPU generator.
/// </summary>
internal sealed class ModelSnapshot : IDisposable
{
    private readonly List<(Parameter Parameter, Tensor Value, Tensor? Grad)> parameters = [];
    private readonly List<(Tensor Buffer, Tensor Value)> buffers = [];
    private readonly List<(nn.Module Module, bool Training)> modes = [];
    private readonly Tensor generator;

    public ModelSnapshot(nn.Module model)
    {
        using var noGrad = torch.no_grad();
        foreach (var parameter in model.parameters())
        {
            parameters.Add((parameter, parameter.detach().clone(), parameter.grad?.detach().clone()));
        }

        foreach (var (_, buffer) in model.named_buffers())
        {
            buffers.Add((buffer, buffer.detach().clone()));
        }

        // train(bool) recurses, so modes are restored parent first, in the order modules() lists them.
        modes.Add((model, model.training));
        foreach (var module in model.modules())
        {
            modes.Add((module, module.training));
        }

        generator = torch.random.get_rng_state();
    }

    public void Restore()
    {
        using var noGrad = torch.no_grad();
        foreach (var (parameter, value, grad) in parameters)
        {
            parameter.copy_(value);
            parameter.grad = grad?.clone();
        }

        foreach (var (buffer, value) in buffers)
        {
            buffer.copy_(value);
        }

        foreach (var (module, training) in modes)
        {
            module.train(training);
        }

        torch.random.set_rng_state(generator);
    }

    public void Dispose()
    {
        foreach (var (_, value, grad) in parameters)
        {
            value.Dispose();
            grad?.Dispose();
        }

        foreach (var (_, value) in buffers)
        {
            value.Dispose();
        }

        generator.Dispose();
    }
}
