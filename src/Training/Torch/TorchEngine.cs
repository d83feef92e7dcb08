using System.Runtime.InteropServices;
using TorchSharp;

namespace LrCluster.Training.Torch;

/// <summary>
/// The training engine: libtorch 2.10 through TorchSharp. Every entry point of this library calls
/// <see cref="EnsureLoaded"/> before it touches <c>torch</c>, so a library that cannot load is reported
/// once, clearly, instead of through TorchSharp's type initialiser, whose fallback copies the ~600 MB of
/// natives next to the app before failing the same way.
/// </summary>
public static class TorchEngine
{
    private static readonly Lock LoadGate = new();
    private static volatile bool loaded;
    private static string? failure;

    /// <summary>
    /// Held while a trial draws from libtorch's process-wide default generator with its own state swapped in
    /// (a TorchScript module's forward pass, which may use dropout: dropout takes no generator of its own), so
    /// concurrent slots never interleave their draws.
    /// </summary>
    internal static Lock GeneratorGate { get; } = new();

    /// <summary>The libtorch version TorchSharp was built against, e.g. "2.10.0.0".</summary>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return torch.__version__;
        }
    }

    /// <summary>libtorch's intra-op threads for threads that start training after this call (process-wide).</summary>
    public static int Threads
    {
        get
        {
            EnsureLoaded();
            return torch.get_num_threads();
        }
    }

    /// <summary>Whether this build's libtorch sees a CUDA device (false with the CPU libtorch).</summary>
    public static bool CudaAvailable
    {
        get
        {
            EnsureLoaded();
            return torch.cuda.is_available();
        }
    }

    public static int CudaDeviceCount => CudaAvailable ? torch.cuda.device_count() : 0;

    /// <summary>
    /// Sets libtorch's intra-op thread count. ATen hands the value to each thread at its first parallel
    /// operation, so set it before slots start training: slots x threads should not exceed the cores.
    /// </summary>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        EnsureLoaded();
        torch.set_num_threads(threads);
    }

    /// <summary>
    /// "cpu", "cuda" or "cuda:N" checked against this machine; the message says why a device cannot be used.
    /// </summary>
    public static torch.Device ResolveDevice(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        EnsureLoaded();
        if (device == "cpu")
        {
            return torch.CPU;
        }

        const string cuda = "cuda";
        if (!device.StartsWith(cuda, StringComparison.Ordinal) || (device.Length > cuda.Length && device[cuda.Length] != ':'))
        {
            throw new TorchException($"unknown device '{device}': expected 'cpu', 'cuda' or 'cuda:N'");
        }

        var index = 0;
        if (device.Length > cuda.Length && !int.TryParse(device.AsSpan(cuda.Length + 1), System.Globalization.NumberStyles.None, null, out index))
        {
            throw new TorchException($"bad CUDA device '{device}': expected 'cuda:N' with N a device index");
        }

        if (!torch.cuda.is_available())
        {
            throw new TorchException($"device '{device}' requested but CUDA is not available (this build carries the CPU libtorch, or no GPU is visible); use 'cpu', or build with -p:LrcTorchFlavor=cuda on a GPU node");
        }

        var count = torch.cuda.device_count();
        if (index >= count)
        {
            throw new TorchException($"device '{device}' is out of range: {count} CUDA device(s) visible (cuda:0..cuda:{count - 1})");
        }

        return torch.device(DeviceType.CUDA, index);
    }

    /// <summary>Loads libtorch and TorchSharp's native library once; throws <see cref="TorchException"/> naming what is missing.</summary>
    public static void EnsureLoaded()
    {
        if (loaded)
        {
            return;
        }

        lock (LoadGate)
        {
            if (loaded)
            {
                return;
            }

            if (failure is not null)
            {
                throw new TorchException(failure);
            }

            SetNativeDefaults();
            failure = Probe();
            if (failure is not null)
            {
                throw new TorchException(failure);
            }

            try
            {
                _ = torch.get_num_threads();
            }
            catch (TypeInitializationException e)
            {
                failure = $"the training engine (TorchSharp) failed to start: {(e.InnerException ?? e).Message}";
                throw new TorchException(failure, e);
            }

            loaded = true;
        }
    }

    /// <summary>
    /// Idle OpenMP workers spin for a while after every parallel region (libgomp's default: 300,000 spins,
    /// about a millisecond), taking the cores of the other slots. A passive wait gives them back but makes every
    /// op of a small model wake its team through the kernel: 2-thread steps ran 4-5 times slower here. 10,000
    /// spins (tens of microseconds) keep a team hot through one training step and let an idle one sleep
    /// (docs/benchmarks.md). MKL's conditional numerical reproducibility makes its reductions independent of
    /// memory alignment, so a trial resumed in another process sums as the original did. libgomp and MKL read
    /// these once, when they load; values the user set are kept.
    /// </summary>
    private static void SetNativeDefaults()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null)
        {
            SetDefault("GOMP_SPINCOUNT", "10000");
        }

        SetDefault("MKL_CBWR", "AUTO");
    }

    private static void SetDefault(string name, string value)
    {
        if (Environment.GetEnvironmentVariable(name) is null)
        {
            _ = NativeMethods.SetEnv(name, value, 0);
        }
    }

    /// <summary>
    /// Loads the two libraries TorchSharp's initialiser loads, the same way it does (by name, next to
    /// TorchSharp.dll as deps.json says), and turns a failure into one readable sentence.
    /// </summary>
    private static string? Probe()
    {
        var assembly = typeof(torch).Assembly;
        foreach (var name in new[] { "torch_cpu", "LibTorchSharp" })
        {
            try
            {
                NativeLibrary.Load(name, assembly, null);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                return Describe(name, e.Message);
            }
        }

        return null;
    }

    private static string Describe(string library, string loaderMessage)
    {
        // The runtime lists every file name it tried, most of them absent; the useful line is the one about
        // a file that exists but failed to load.
        var attempts = loaderMessage.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('/') && l.Contains(": ", StringComparison.Ordinal)).ToArray();
        var reason = attempts.FirstOrDefault(l => !l.EndsWith("No such file or directory", StringComparison.Ordinal))
            ?? attempts.FirstOrDefault()
            ?? loaderMessage.Split('\n')[0].Trim();
        var message = $"cannot load {library} (libtorch 2.10 through TorchSharp): {reason}";
        if (reason.Contains("GLIBCXX_", StringComparison.Ordinal))
        {
            message += ". This host's libstdc++ is older than the one TorchSharp was linked with; a build of LrCluster"
                + " replaces libLibTorchSharp.so with a copy that does not insist on that version"
                + " (src/Training/build/LrCluster.Training.targets), and this copy was not replaced: rebuild, or import that"
                + " file in the project that references LrCluster.Training";
        }

        return message;
    }
}
