namespace LrCluster.Training.Torch;

/// <summary>A trainable libtorch module living on one device.</summary>
public sealed class TorchModel : IDisposable
{
    private TorchModel(ModelHandle handle, string device)
    {
        Handle = handle;
        Device = device;
        NativeMethods.Check(NativeMethods.lrcModel_parameterCount(handle, out var count));
        ParameterCount = count;
    }

    /// <summary>Number of trainable scalars.</summary>
    public long ParameterCount { get; }

    public string Device { get; }

    internal ModelHandle Handle { get; }

    /// <summary>
    /// Linear layers of the given widths with <paramref name="activation"/> between them and none
    /// after the last; weights use libtorch's default init drawn from <paramref name="seed"/>.
    /// </summary>
    public static unsafe TorchModel Mlp(int inFeatures, IReadOnlyList<int> hidden, int outFeatures, Activation activation, string device, long seed)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        if (!Enum.IsDefined(activation))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation");
        }

        var widths = new long[hidden.Count];
        for (var i = 0; i < widths.Length; i++)
        {
            if (hidden[i] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(hidden), hidden[i], $"hidden[{i}] must be >= 1");
            }

            widths[i] = hidden[i];
        }

        fixed (long* w = widths)
        {
            NativeMethods.Check(NativeMethods.lrcModel_createMlp(inFeatures, w, widths.Length, outFeatures, (int)activation, device, seed, out var handle));
            return new TorchModel(handle, device);
        }
    }

    /// <summary>
    /// conv3x3(1→8)-relu-maxpool2, conv3x3(8→16)-relu-maxpool2, linear to <paramref name="classes"/>,
    /// for single-channel height×width images given as [N, H*W] rows or [N, 1, H, W].
    /// </summary>
    public static TorchModel Cnn(int height, int width, int classes, string device, long seed)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        NativeMethods.Check(NativeMethods.lrcModel_createCnn(height, width, classes, device, seed, out var handle));
        return new TorchModel(handle, device);
    }

    /// <summary>
    /// A TorchScript module saved with torch.jit.save; its weights come from the file and
    /// <paramref name="seed"/> only seeds randomness the module draws while training (e.g. dropout).
    /// </summary>
    public static TorchModel TorchScript(string path, string device, long seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(device);
        NativeMethods.Check(NativeMethods.lrcModel_loadTorchScript(path, device, seed, out var handle));
        return new TorchModel(handle, device);
    }

    /// <summary>Trainers built on this model keep its native module alive after this call.</summary>
    public void Dispose() => Handle.Dispose();
}
