using Microsoft.Win32.SafeHandles;

namespace LrCluster.Training.Torch;

/// <summary>Owns one native lrcTrainer; released through lrcTrainer_dispose.</summary>
internal sealed class TrainerHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    // The interop source generator creates instances for out parameters.
    public TrainerHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.lrcTrainer_dispose(handle);
        return true;
    }
}
