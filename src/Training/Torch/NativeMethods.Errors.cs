using System.Runtime.InteropServices;

namespace LrCluster.Training.Torch;

/// <summary>P/Invoke surface of lrc_torch; one file per native area.</summary>
internal static unsafe partial class NativeMethods
{
    private const string Library = NativeLibraryLoader.LibraryName;

    // Runs before the first P/Invoke of this class resolves the library, so our resolver decides.
    static NativeMethods() => NativeLibraryLoader.Register();

    [LibraryImport(Library)]
    internal static partial IntPtr lrcError_take();

    [LibraryImport(Library)]
    internal static partial void lrcString_free(IntPtr s);

    [LibraryImport(Library)]
    internal static partial void lrcBuffer_free(IntPtr buffer);

    /// <summary>Turns a non-zero native status into a TorchException with the native message.</summary>
    internal static void Check(int status)
    {
        if (status != 0)
        {
            throw new TorchException(TakeError());
        }
    }

    internal static string TakeOwnedString(IntPtr s)
    {
        try
        {
            return Marshal.PtrToStringUTF8(s) ?? string.Empty;
        }
        finally
        {
            lrcString_free(s);
        }
    }

    private static string TakeError()
    {
        var message = lrcError_take();
        return message == IntPtr.Zero ? "lrc_torch reported a failure without a message" : TakeOwnedString(message);
    }
}
