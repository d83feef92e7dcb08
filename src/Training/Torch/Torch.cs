namespace LrCluster.Training.Torch;

/// <summary>Process-wide libtorch switches and queries.</summary>
public static class Torch
{
    /// <summary>Whether this libtorch build sees at least one CUDA device.</summary>
    public static bool CudaAvailable
    {
        get
        {
            NativeMethods.Check(NativeMethods.lrcRuntime_cudaAvailable(out var available));
            return available != 0;
        }
    }

    /// <summary>Number of visible CUDA devices (0 on a CPU-only build).</summary>
    public static int CudaDeviceCount
    {
        get
        {
            NativeMethods.Check(NativeMethods.lrcRuntime_cudaDeviceCount(out var count));
            return count;
        }
    }

    /// <summary>The libtorch version the shim was compiled against, e.g. "1.13.0".</summary>
    public static string Version
    {
        get
        {
            NativeMethods.Check(NativeMethods.lrcRuntime_version(out var version));
            return NativeMethods.TakeOwnedString(version);
        }
    }

    /// <summary>Intra-op threads libtorch uses (process-wide).</summary>
    public static int Threads
    {
        get
        {
            NativeMethods.Check(NativeMethods.lrcRuntime_getThreads(out var threads));
            return threads;
        }
    }

    /// <summary>Sets libtorch's intra-op thread count for the whole process.</summary>
    public static void SetThreads(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        NativeMethods.Check(NativeMethods.lrcRuntime_setThreads(n));
    }

    /// <summary>Seeds libtorch's global CPU (and CUDA) generators.</summary>
    public static void ManualSeed(long seed) => NativeMethods.Check(NativeMethods.lrcRuntime_manualSeed(seed));

    /// <summary>
    /// Validates a device name ("cpu", "cuda", "cuda:N") against this machine and returns its
    /// canonical form; throws TorchException saying why it cannot be used.
    /// </summary>
    public static string ResolveDevice(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        NativeMethods.Check(NativeMethods.lrcDevice_parse(device, out var canonical));
        return NativeMethods.TakeOwnedString(canonical);
    }
}
