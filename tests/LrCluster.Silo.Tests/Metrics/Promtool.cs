using System.ComponentModel;
using System.Diagnostics;
using Xunit.Abstractions;

namespace LrCluster.Silo.Tests.Metrics;

/// <summary>Runs <c>promtool check metrics</c> (Debian package <c>prometheus</c>) over an exposition.</summary>
internal static class Promtool
{
    /// <summary>
    /// What promtool says about families that are not ours and that we keep as they are: the runtime's and the process
    /// instrumentation's OpenTelemetry semantic-convention names (<c>dotnet.assembly.count</c> ...), which dashboards
    /// for .NET expect; renaming them in a view would break those. Listed in src/Silo/Metrics/README.md.
    /// </summary>
    public static readonly IReadOnlySet<string> KnownForeignFindings = new HashSet<string>(StringComparer.Ordinal)
    {
        "dotnet_assembly_count", "dotnet_process_cpu_count", "dotnet_timer_count", "process_thread_count", "process_unix_file_descriptor_count",
    };

    /// <summary>
    /// What promtool says about every family of Orleans' own meter: its instruments carry no descriptions (so no HELP)
    /// and its latency histograms record milliseconds, which a view cannot rescale. Any other finding on an Orleans
    /// family still fails. Listed in src/Silo/Metrics/README.md.
    /// </summary>
    public static readonly IReadOnlySet<string> KnownOrleansFindings = new HashSet<string>(StringComparer.Ordinal)
    {
        "no help text", "use base unit \"seconds\" instead of \"milliseconds\"",
    };

    /// <summary>Lints a live scrape: nothing at all on our families, and nothing on others but the known findings above.</summary>
    public static async Task AssertCleanAsync(string exposition, ITestOutputHelper output)
    {
        var check = await CheckMetricsAsync(exposition);
        if (check is null)
        {
            output.WriteLine("promtool is not installed: the lint was skipped (it is required when CI=true)");
            return;
        }

        var findings = check.Value.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unexpected = findings.Where(line => !IsKnown(line)).ToList();
        Assert.True(unexpected.Count == 0, $"promtool check metrics exited {check.Value.ExitCode}:\n{string.Join('\n', unexpected)}");
        Assert.True(check.Value.ExitCode == 0 || findings.Length > 0, $"promtool exited {check.Value.ExitCode} without saying why");
    }

    private static bool IsKnown(string finding)
    {
        var family = finding.Split(' ')[0];
        return KnownForeignFindings.Contains(family)
            || (family.StartsWith("orleans_", StringComparison.Ordinal) && KnownOrleansFindings.Contains(finding[(family.Length + 1)..]));
    }

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
