using TorchSharp;
using static TorchSharp.torch;

namespace LrCluster.Training.Torch;

/// <summary>A trainable module on one device: the built-in MLP and CNN, or a TorchScript file.</summary>
public sealed class TorchModel : IDisposable
{
    private TorchModel(nn.Module module, nn.IModule<Tensor, Tensor> forward, Device device, long seed, bool stochastic)
    {
        Module = module;
        Forward = forward;
        Device = device;
        Seed = seed;
        Stochastic = stochastic;
        ParameterCount = module.parameters().Sum(p => p.numel());
    }

    /// <summary>Number of trainable scalars.</summary>
    public long ParameterCount { get; }

    public Device Device { get; }

    internal nn.Module Module { get; }

    internal nn.IModule<Tensor, Tensor> Forward { get; }

    /// <summary>
    /// Whether the module may draw from libtorch's default generator while training (dropout): a
    /// TorchScript file may; the built-in models never do.
    /// </summary>
    internal bool Stochastic { get; }

    /// <summary>Seeds the module's own generator when it is <see cref="Stochastic"/>.</summary>
    internal long Seed { get; }

    /// <summary>
    /// Linear layers of the given widths with <paramref name="activation"/> between them and none
    /// after the last; weights use libtorch's default init drawn from <paramref name="seed"/>.
    /// </summary>
    public static TorchModel Mlp(int inFeatures, IReadOnlyList<int> hidden, int outFeatures, Activation activation, string device, long seed)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        if (!Enum.IsDefined(activation))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation");
        }

        for (var i = 0; i < hidden.Count; i++)
        {
            if (hidden[i] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(hidden), hidden[i], $"hidden[{i}] must be >= 1");
            }
        }

        return Build(device, seed, () => new MlpNet(inFeatures, hidden, outFeatures, activation));
    }

    /// <summary>
    /// conv3x3(1→8)-relu-maxpool2, conv3x3(8→16)-relu-maxpool2, linear to <paramref name="classes"/>,
    /// for single-channel height×width images given as [N, H*W] rows or [N, 1, H, W].
    /// </summary>
    public static TorchModel Cnn(int height, int width, int classes, string device, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        return Build(device, seed, () => new CnnNet(height, width, classes));
    }

    /// <summary>
    /// A TorchScript module saved with torch.jit.save; its weights come from the file and
    /// <paramref name="seed"/> only seeds randomness the module draws while training (e.g. dropout).
    /// </summary>
    public static TorchModel TorchScript(string path, string device, long seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(device);
        var target = TorchEngine.ResolveDevice(device);
        if (!File.Exists(path))
        {
            // jit.load's own message for a missing file is an errno dump; name the path plainly.
            throw new TorchException($"TorchScript file not found or unreadable: {path}");
        }

        try
        {
            var module = torch.jit.load<Tensor, Tensor>(path, target);
            module.train();
            if (target.type == DeviceType.CUDA)
            {
                torch.cuda.manual_seed(seed);
            }

            return new TorchModel(module, module, target, seed, stochastic: true);
        }
        catch (Exception e) when (e is System.Runtime.InteropServices.ExternalException or ArgumentException)
        {
            throw new TorchException($"cannot load TorchScript file {path}: {e.Message}", e);
        }
    }

    public void Dispose() => Module.Dispose();

    private static TorchModel Build(string device, long seed, Func<nn.Module<Tensor, Tensor>> create)
    {
        ArgumentNullException.ThrowIfNull(device);
        var target = TorchEngine.ResolveDevice(device);

        var module = create();
        SeededInitialisation.Apply(module, seed);
        module.to(target);
        module.train();
        return new TorchModel(module, module, target, seed, stochastic: false);
    }
}
