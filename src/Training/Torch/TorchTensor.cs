namespace LrCluster.Training.Torch;

/// <summary>A libtorch tensor copied from host memory onto a device.</summary>
public sealed class TorchTensor : IDisposable
{
    private TorchTensor(TensorHandle handle, long[] shape, string device)
    {
        Handle = handle;
        Shape = shape;
        Device = device;
    }

    /// <summary>Size of the leading (sample) dimension.</summary>
    public long Rows => Shape[0];

    public IReadOnlyList<long> Shape { get; }

    public string Device { get; }

    internal TensorHandle Handle { get; }

    /// <summary>A float32 [rows, cols] matrix from row-major data.</summary>
    public static TorchTensor FromFloats(ReadOnlySpan<float> data, long rows, long cols, string device) =>
        FromFloats(data, [rows, cols], device);

    /// <summary>A float32 tensor of any shape from row-major data.</summary>
    public static unsafe TorchTensor FromFloats(ReadOnlySpan<float> data, ReadOnlySpan<long> shape, string device)
    {
        var dims = CheckShape(data.Length, shape, device);
        fixed (float* p = data)
        fixed (long* s = dims)
        {
            NativeMethods.Check(NativeMethods.lrcTensor_fromFloats(p, s, dims.Length, device, out var handle));
            return new TorchTensor(handle, dims, device);
        }
    }

    /// <summary>A float32 [n, 1, h, w] batch of single-channel images.</summary>
    public static TorchTensor FromImages(ReadOnlySpan<float> data, long n, long h, long w, string device) =>
        FromFloats(data, [n, 1, h, w], device);

    /// <summary>An int64 vector, e.g. class labels.</summary>
    public static TorchTensor FromLongs(ReadOnlySpan<long> data, string device) => FromLongs(data, [data.Length], device);

    /// <summary>An int64 tensor of any shape from row-major data.</summary>
    public static unsafe TorchTensor FromLongs(ReadOnlySpan<long> data, ReadOnlySpan<long> shape, string device)
    {
        var dims = CheckShape(data.Length, shape, device);
        fixed (long* p = data)
        fixed (long* s = dims)
        {
            NativeMethods.Check(NativeMethods.lrcTensor_fromLongs(p, s, dims.Length, device, out var handle));
            return new TorchTensor(handle, dims, device);
        }
    }

    public void Dispose() => Handle.Dispose();

    private static long[] CheckShape(int length, ReadOnlySpan<long> shape, string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (shape.Length is < 1 or > 8)
        {
            throw new ArgumentException($"shape must have 1 to 8 dimensions, got {shape.Length}", nameof(shape));
        }

        long count = 1;
        foreach (var d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(shape));
            count = checked(count * d);
        }

        if (count != length)
        {
            throw new ArgumentException($"shape [{string.Join(", ", shape.ToArray())}] needs {count} values but data holds {length}", nameof(shape));
        }

        return shape.ToArray();
    }
}
