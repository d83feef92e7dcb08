using System.Runtime.InteropServices;

namespace LrCluster.Training.Torch;

internal static partial class NativeMethods
{
    // .NET's Environment.SetEnvironmentVariable does not reach the C environment on Linux, and
    // libgomp and MKL read theirs there, once, when they load.
    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetEnv(string name, string value, int overwrite);
}
