using Microsoft.Win32.SafeHandles;

namespace LrCluster.Training.Torch;

/// <summary>Owns one native lrcTensor; released through lrcTensor_dispose.</summary>
internal sealed class TensorHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    // The interop source generator creates instances for out parameters.
    public TensorHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.lrcTensor_dispose(handle);
        return true;
    }
}
