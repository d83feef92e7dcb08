using System.Runtime.InteropServices;

namespace LrCluster.Training.Torch;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int lrcModel_createMlp(
        long inFeatures, long* hidden, int hiddenCount, long outFeatures, int activation, string device, long seed, out ModelHandle model);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int lrcModel_createCnn(long height, long width, long classes, string device, long seed, out ModelHandle model);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int lrcModel_loadTorchScript(string path, string device, long seed, out ModelHandle model);

    [LibraryImport(Library)]
    internal static partial int lrcModel_parameterCount(ModelHandle model, out long countOut);

    [LibraryImport(Library)]
    internal static partial void lrcModel_dispose(IntPtr model);
}
