using System.Runtime.InteropServices;

namespace LrCluster.Training.Torch;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int lrcRuntime_version(out IntPtr versionOut);

    [LibraryImport(Library)]
    internal static partial int lrcRuntime_cudaAvailable(out int availableOut);

    [LibraryImport(Library)]
    internal static partial int lrcRuntime_cudaDeviceCount(out int countOut);

    [LibraryImport(Library)]
    internal static partial int lrcRuntime_setThreads(int threads);

    [LibraryImport(Library)]
    internal static partial int lrcRuntime_getThreads(out int threadsOut);

    [LibraryImport(Library)]
    internal static partial int lrcRuntime_manualSeed(long seed);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int lrcDevice_parse(string device, out IntPtr canonicalOut);
}
