using Microsoft.Win32.SafeHandles;

namespace LrCluster.Training.Torch;

/// <summary>Owns one native lrcModel; released through lrcModel_dispose.</summary>
internal sealed class ModelHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    // The interop source generator creates instances for out parameters.
    public ModelHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.lrcModel_dispose(handle);
        return true;
    }
}
