using System.ComponentModel;
using System.Diagnostics;

namespace LrCluster.Silo.Tests.Metrics;

/// <summary>Runs <c>promtool check metrics</c> (Debian package <c>prometheus</c>) over an exposition.</summary>
internal static class Promtool
{
    /// <summary>
    /// The exit code and everything promtool printed; null when promtool is not installed. In CI (CI=true) a missing
    /// promtool fails the test instead, so the check can never be skipped silently there.
    /// </summary>
    public static async Task<(int ExitCode, string Output)?> CheckMetricsAsync(string exposition)
    {
        var start = new ProcessStartInfo("promtool", ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception) when (!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"promtool is not installed but CI=true requires the check: apt-get install prometheus ({e.Message})");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(exposition);
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, (await stdout) + (await stderr));
        }
    }
}
