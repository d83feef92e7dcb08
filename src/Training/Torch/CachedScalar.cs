using TorchSharp;

namespace LrCluster.Training.Torch;

/// <summary>
/// A native scalar argument kept across steps. TorchSharp turns every double passed where a Scalar is expected
/// into a native object that only the finalizer frees; an optimizer step passes several, most of them the same
/// value step after step. This one is made again only when the value changes, and disposed with its owner.
/// </summary>
internal sealed class CachedScalar : IDisposable
{
    private Scalar? scalar;
    private double value;

    public Scalar Of(double v)
    {
        if (scalar is null || BitConverter.DoubleToInt64Bits(v) != BitConverter.DoubleToInt64Bits(value))
        {
            scalar?.Dispose();
            scalar = v.ToScalar();
            value = v;
        }

        return scalar;
    }

    public void Dispose()
    {
        scalar?.Dispose();
        scalar = null;
    }
}
