using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace LrCluster.Deploy.Tests;

/// <summary>Paths in the repository and the external tools (kubectl, node, npm) the tests run.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Deploy(params string[] parts) => Path.Combine([Root, "deploy", .. parts]);

    /// <summary>Above this source file (the build may sit outside the repository: --artifacts-path), else above the binaries.</summary>
    private static string FindRoot([CallerFilePath] string here = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(here), AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LrCluster.sln")) && Directory.Exists(Path.Combine(dir.FullName, "deploy")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"no LrCluster.sln with a deploy/ folder above {here} or {AppContext.BaseDirectory}");
    }

    /// <summary>Runs a tool to completion; a missing tool fails with a message that names it.</summary>
    public static ProcessResult Run(string file, IEnumerable<string> args, string workingDirectory, string? stdin = null, int timeoutSeconds = 300)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{file}' is needed by the deploy tests and could not be started ({e.Message}); install it and put it on PATH", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeoutSeconds} s");
            }

            return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);
