namespace LrCluster.Client.Tests;

/// <summary>Runs <see cref="TinySweep"/> for real twice with the same seed, into two report folders (JSON, then tables); the tests read what they left.</summary>
public sealed class RunFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    internal string SpecPath { get; private set; } = "";

    internal string FirstOut => Path.Combine(_folder.Path, "out-a");

    internal string SecondOut => Path.Combine(_folder.Path, "out-b");

    internal CliResult First { get; private set; } = new(-1, "", "");

    internal CliResult Second { get; private set; } = new(-1, "", "");

    public async Task InitializeAsync()
    {
        SpecPath = _folder.Write("tiny.yaml", TinySweep.Spec);
        First = await LrcProcess.RunInAsync(_folder.Path, "run", SpecPath, "--out", FirstOut, "--format", "json");
        // The second run prints tables to a pipe from what claims to be a colour terminal, as `lrc run spec.yaml | tee log` does.
        Second = await LrcProcess.RunInAsync(_folder.Path, LrcProcess.ColourTerminal, "run", SpecPath, "--out", SecondOut);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
