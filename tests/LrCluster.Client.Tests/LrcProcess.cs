using System.Diagnostics;

namespace LrCluster.Client.Tests;

/// <summary>Runs the built CLI (<c>dotnet lrc.dll</c>, copied next to this test assembly) as a child process.</summary>
internal static class LrcProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static string DllPath { get; } = Locate();

/// <summary>The environment of a colour terminal: what a redirected lrc must ignore.</summary>
    public static readonly IReadOnlyDictionary<string, string?> ColourTerminal = new Dictionary<string, string?>
    {
        ["NO_COLOR"] = null,
        ["TERM"] = "xterm-256color",
        ["COLORTERM"] = "truecolor",
    };

    public static Task<CliResult> RunInAsync(string workingDirectory, params string[] args) =>
        RunInAsync(workingDirectory, new Dictionary<string, string?>(), args);

    public static Task<CliResult> RunInAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunDllInAsync(DllPath, workingDirectory, environment, args);

    /// <summary>Runs another copy of the CLI (<paramref name="dll"/>), as a broken installation would be.</summary>
    public static Task<CliResult> RunDllInAsync(string dll, string workingDirectory, params string[] args) =>
        RunDllInAsync(dll, workingDirectory, new Dictionary<string, string?>(), args);

    private static async Task<CliResult> RunDllInAsync(string dll, string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A plain, non-interactive environment: no colour codes and no stack traces on request.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["TERM"] = "dumb";
        start.Environment.Remove("LRC_DEBUG");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"lrc {string.Join(' ', args)} did not finish within {Timeout}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunInAsync(Path.GetTempPath(), args);

    private static string Locate()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "lrc.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"lrc.dll is not next to the test assembly in {AppContext.BaseDirectory}; is the project reference to src/Client missing?");
    }
}
