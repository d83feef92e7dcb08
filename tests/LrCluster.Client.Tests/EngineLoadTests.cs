using LrCluster.Tests.Shared;

namespace LrCluster.Client.Tests;

/// <summary>
/// lrc on a machine where the training engine cannot load: a copy of the built CLI (hard links, so the
/// 600 MB of libtorch cost nothing) with one native library broken. The run must stop with exit 1 and one
/// readable reason, no stack trace, and without TorchSharp's fallback that copies every native library
/// into a cpu/ folder next to the app.
/// </summary>
public sealed class EngineLoadTests
{
    private const string NativeFolder = "runtimes/linux-x64/native";

    [Fact]
    public async Task A_broken_torchsharp_library_stops_the_run_with_its_name_and_reason()
    {
        using var folder = new TempFolder();
        var app = HardLinkedCopy.Make(Path.GetDirectoryName(LrcProcess.DllPath)!, Path.Combine(folder.Path, "app"));
        HardLinkedCopy.Replace(Path.Combine(app, NativeFolder, "libLibTorchSharp.so"), []);
        var spec = folder.Write("tiny.yaml", TinySweep.Spec);

        var result = await LrcProcess.RunDllInAsync(Path.Combine(app, "lrc.dll"), folder.Path, "run", spec, "--out", Path.Combine(folder.Path, "out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("training engine", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("libLibTorchSharp.so: file too short", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(app, "cpu")), "TorchSharp's fallback copied the natives into cpu/");
        Assert.False(File.Exists(Path.Combine(folder.Path, "out", "report.json")), "no sweep should have run");
    }

    /// <summary>
    /// The package's own libLibTorchSharp.so asks for GLIBCXX_3.4.32. On a host whose libstdc++ lacks it
    /// (Debian 12) the unpatched file must fail with a message that says so and how it is fixed; on a
    /// newer host it simply loads, which the rest of the suite shows.
    /// </summary>
    [Fact]
    public async Task The_unpatched_library_on_an_older_libstdcxx_is_reported_with_the_missing_version()
    {
        if (HostHas("GLIBCXX_3.4.32"))
        {
            return;
        }

        using var folder = new TempFolder();
        var app = HardLinkedCopy.Make(Path.GetDirectoryName(LrcProcess.DllPath)!, Path.Combine(folder.Path, "app"));
        var original = Path.Combine(NuGetPackages(), "torchsharp", "0.107.0", NativeFolder, "libLibTorchSharp.so");
        HardLinkedCopy.Replace(Path.Combine(app, NativeFolder, "libLibTorchSharp.so"), File.ReadAllBytes(original));
        var spec = folder.Write("tiny.yaml", TinySweep.Spec);

        var result = await LrcProcess.RunDllInAsync(Path.Combine(app, "lrc.dll"), folder.Path, "run", spec, "--out", Path.Combine(folder.Path, "out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("GLIBCXX_3.4.32", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("LrCluster.Training.targets", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(app, "cpu")), "TorchSharp's fallback copied the natives into cpu/");
    }

    private static bool HostHas(string version) =>
        new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6" }
            .Where(File.Exists)
            .Any(f => File.ReadAllText(f, System.Text.Encoding.Latin1).Contains(version + "\0", StringComparison.Ordinal));

    private static string NuGetPackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
