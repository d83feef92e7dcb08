using System.Globalization;
using System.Text.RegularExpressions;

namespace LrCluster.Training.Tests.Consumers;

/// <summary>
/// LrCluster.Training as a .NET engineer outside this repository uses it: the example project (a
/// ProjectReference plus the one Import), and a project that references the package we would publish.
/// Each builds with the dotnet CLI into a folder of its own and runs; on Debian 12 a run also proves the
/// patched libLibTorchSharp.so reached the consumer, since the package's own file does not load here.
/// </summary>
public sealed class ConsumerProjectTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("lrc-consumer-").FullName;

    [Fact]
    public void The_example_project_builds_against_src_training_finds_an_lr_and_trains_with_it()
    {
        var root = DotnetCli.RepositoryRoot();
        var artifacts = Path.Combine(work, "artifacts");

        var build = DotnetCli.Run(root, "build", "examples/TorchSharpLrFinder", "-c", "Release", "--artifacts-path", artifacts, "-nologo");
        Assert.True(build.ExitCode == 0, build.Output);
        var run = DotnetCli.Run(root, Path.Combine(artifacts, "bin", "TorchSharpLrFinder", "release", "TorchSharpLrFinder.dll"));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("model untouched by the range test: True", run.Output, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"suggested lr \(valley\): [0-9.eE-]+"), run.Output);
        var accuracy = double.Parse(Regex.Match(run.Output, @"epoch 8: .* accuracy ([0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(accuracy > 0.85, run.Output);
    }

    [Fact]
    public void A_project_referencing_the_package_gets_the_patched_native_library_and_runs_a_range_test()
    {
        var root = DotnetCli.RepositoryRoot();
        var feed = Path.Combine(work, "feed");
        const string Version = "0.0.0-consumer-test";
        foreach (var project in new[] { "Core", "Training" })
        {
            var pack = DotnetCli.Run(root, "pack", $"src/{project}", "-c", "Release", "-o", feed, $"-p:Version={Version}", "--artifacts-path", Path.Combine(work, "pack"), "-nologo");
            Assert.True(pack.ExitCode == 0, pack.Output);
            Assert.True(File.Exists(Path.Combine(feed, $"LrCluster.{project}.{Version}.nupkg")), pack.Output);
        }

        var consumer = Directory.CreateDirectory(Path.Combine(work, "consumer")).FullName;
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LrCluster.Training" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        // Our two packages are extracted into a folder of the test's; TorchSharp and libtorch come from the
        // machine's package folder as a fallback, so nothing of this test lands in the machine's cache.
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(work, "packages")}" /></config>
              <packageSources><add key="test-feed" value="{feed}" /></packageSources>
              <fallbackPackageFolders><add key="machine" value="{MachinePackages()}" /></fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using LrCluster.Training.Finder;
            using TorchSharp;
            using static TorchSharp.torch;

            torch.manual_seed(0);
            var model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 1));
            var x = torch.randn(256, 4);
            var y = x.sum(1, keepdim: true);
            var batches = Enumerable.Range(0, 8).Select(i => (x.narrow(0, i * 32, 32), y.narrow(0, i * 32, 32))).ToList();
            var result = LrFinder.Run(model, ps => optim.SGD(ps, 1e-7, momentum: 0.9), (p, t) => nn.functional.mse_loss(p, t), batches,
                new RangeTestOptions { Start = 1e-5, End = 10, Steps = 80 });
            Console.WriteLine($"points {result.Lrs.Count} valley {result.Suggest("valley")}");
            """);

        var build = DotnetCli.Run(consumer, "build", "-c", "Release", "-o", Path.Combine(consumer, "out"), "-nologo");
        Assert.True(build.ExitCode == 0, build.Output);
        var run = DotnetCli.Run(consumer, Path.Combine(consumer, "out", "Consumer.dll"));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(new Regex(@"points [1-9][0-9]* valley [0-9]"), run.Output);
        var shipped = File.ReadAllBytes(Path.Combine(consumer, "out", "runtimes", "linux-x64", "native", "libLibTorchSharp.so"));
        var original = File.ReadAllBytes(Path.Combine(MachinePackages(), "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so"));
        Assert.Equal(original.Length, shipped.Length);
        Assert.NotEqual(original, shipped);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }

    private static string MachinePackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
