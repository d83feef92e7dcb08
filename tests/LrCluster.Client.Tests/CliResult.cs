namespace LrCluster.Client.Tests;

/// <summary>What one <c>lrc</c> child process left behind: its exit code and both streams.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
