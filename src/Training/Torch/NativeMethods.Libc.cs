using System.Runtime.InteropServices;

namespace LrCluster.Training.Torch;

internal static partial class NativeMethods
{
    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetEnv(string name, string value, int overwrite);
}
