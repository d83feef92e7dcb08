using System.Diagnostics;
using LrCluster.Tests.Shared;

namespace LrCluster.Silo.Tests;

/// <summary>
/// A silo whose training engine cannot load must not join the cluster and take trials it would fail:
/// it exits 1 with the reason, before Orleans starts. The silo runs from a hard-linked copy of the built
/// output with TorchSharp's native library broken.
/// </summary>
public sealed class SiloEngineLoadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lrc-silo-engine-").FullName;

    [Fact]
    public async Task A_silo_that_cannot_load_libtorch_exits_1_naming_the_library()
    {
        var app = HardLinkedCopy.Make(Path.GetDirectoryName(SiloProcess.DllPath)!, Path.Combine(_dir, "app"));
        HardLinkedCopy.Replace(Path.Combine(app, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"), []);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = _dir };
        foreach (var arg in new[] { Path.Combine(app, "lrc-silo.dll"), "--store", $"sqlite:{Path.Combine(_dir, "lrc.db")}", "--port", SiloProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;

        Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}\n{output}");
        Assert.Contains("lrc-silo: training engine: cannot load LibTorchSharp", output, StringComparison.Ordinal);
        Assert.Contains("file too short", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Orleans Silo started", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(app, "cpu")), "TorchSharp's fallback copied the natives into cpu/");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
