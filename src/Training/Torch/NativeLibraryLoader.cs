using System.Reflection;
using System.Runtime.InteropServices;

namespace LrCluster.Training.Torch;

/// <summary>
/// Finds liblrc_torch.so: the app directory, this assembly's directory, $LRC_NATIVE_DIR, then the
/// runtime's default probing. Every attempt is recorded so a failure says where we looked and why
/// each place failed (usually a missing libtorch dependency rather than a missing shim).
/// </summary>
internal static class NativeLibraryLoader
{
    internal const string LibraryName = "lrc_torch";
    private const string FileName = "liblrc_torch.so";
    private static readonly Lock Gate = new();
    private static IntPtr loaded;
    private static int registered;

    internal static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Another resolver already owns this assembly; default probing still finds a .so copied
            // next to the app, so carry on rather than fail every torch call.
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == LibraryName ? Load(assembly, searchPath) : IntPtr.Zero;

    private static IntPtr Load(Assembly assembly, DllImportSearchPath? searchPath)
    {
        lock (Gate)
        {
            if (loaded != IntPtr.Zero)
            {
                return loaded;
            }

            LimitBlasThreads();

            var trace = new List<string>();
            foreach (var directory in CandidateDirectories(assembly))
            {
                var path = Path.Combine(directory, FileName);
                if (!File.Exists(path))
                {
                    trace.Add($"{path}: not found");
                    continue;
                }

                try
                {
                    loaded = NativeLibrary.Load(path);
                    return loaded;
                }
                catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
                {
                    trace.Add($"{path}: found but failed to load: {e.Message}");
                }
            }

            if (NativeLibrary.TryLoad(LibraryName, assembly, searchPath, out var fallback))
            {
                loaded = fallback;
                return loaded;
            }

            trace.Add($"default probing for '{LibraryName}': failed");
            throw new DllNotFoundException(
                $"Could not load the libtorch shim {FileName}. Build it with `dotnet build` (needs apt packages "
                + "libtorch-dev libopenblas0-pthread cmake g++) or point LRC_NATIVE_DIR at the folder holding it. Attempts:"
                + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", trace));
        }
    }

    private static IEnumerable<string> CandidateDirectories(Assembly assembly)
    {
        yield return AppContext.BaseDirectory;
        var assemblyDirectory = Path.GetDirectoryName(assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDirectory)
            && !string.Equals(Path.TrimEndingDirectorySeparator(assemblyDirectory), Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), StringComparison.Ordinal))
        {
            yield return assemblyDirectory;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("LRC_NATIVE_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            yield return fromEnvironment;
        }
    }

    /// <summary>
    /// libtorch parallelises across its own intra-op threads; an OpenBLAS pool of the same size on
    /// top of it makes both spin against each other and a step runs about 4x slower (docs/benchmarks.md).
    /// OpenBLAS reads the variable once, when it is loaded, and .NET's environment setter does not
    /// reach the C environment on Linux, so set it through libc before the shim (and OpenBLAS) load.
    /// A value the user set is kept.
    /// </summary>
    private static void LimitBlasThreads()
    {
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") is null)
        {
            _ = NativeMethods.SetEnv("OPENBLAS_NUM_THREADS", "1", 0);
        }
    }
}
