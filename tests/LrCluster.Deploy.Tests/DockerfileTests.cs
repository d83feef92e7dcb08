using System.Text.RegularExpressions;

namespace LrCluster.Deploy.Tests;

/// <summary>The images cannot be built here (no Docker engine): these read the Dockerfiles instead.</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Files => new() { "Dockerfile.cpu", "Dockerfile.cuda" };

    private static Dockerfile Load(string file) => Dockerfile.Load(Repo.Deploy("docker", file));

    [Theory]
    [MemberData(nameof(Files))]
    public void The_image_is_built_in_a_separate_stage_and_copied_into_the_runtime(string file)
    {
        var d = Load(file);

        Assert.True(d.Stages.Count >= 2, $"{file}: {d.Stages.Count} stage(s)");
        var build = Assert.Single(d.Stages, s => s.Name == "build");
        Assert.Contains(build.All("RUN"), r => r.Contains("dotnet publish src/Silo -c Release", StringComparison.Ordinal));
        Assert.Contains(d.Final.All("COPY"), c => c.Contains("--from=build", StringComparison.Ordinal) && c.Contains("/app", StringComparison.Ordinal));
        Assert.DoesNotContain(d.Final.All("RUN"), r => r.Contains("dotnet publish", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_runtime_stage_runs_as_a_numeric_non_root_user(string file)
    {
        var d = Load(file);

        var user = d.Final.All("USER").Last();
        var uid = user.Split(':')[0];
        Assert.Matches("^[0-9]+$", uid);
        Assert.NotEqual("0", uid);
        var podUid = (long)Rendered.Of("base").SiloPod["securityContext"]!["runAsUser"]!;
        Assert.Equal(podUid.ToString(System.Globalization.CultureInfo.InvariantCulture), uid);
        Assert.True(d.Final.Instructions.ToList().FindLastIndex(i => i.Keyword == "USER") > d.Final.Instructions.ToList().FindLastIndex(i => i.Keyword == "RUN"),
            "USER comes after the last RUN of the runtime stage");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_exposed_port_is_the_gateway_services_target_and_the_entrypoint_is_lrc_silo(string file)
    {
        var d = Load(file);
        var service = Rendered.Of("base").Single("Service", "lrc-gateway");

        Assert.Equal(((int)service["spec"]!["ports"]![0]!["port"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(d.Final.All("EXPOSE")));
        Assert.Equal("[\"/app/lrc-silo\"]", Assert.Single(d.Final.All("ENTRYPOINT")));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void No_secret_is_baked_into_the_image(string file)
    {
        var d = Load(file);

        foreach (var i in d.Instructions.Where(i => i.Keyword is "ENV" or "ARG"))
        {
            Assert.DoesNotMatch(new Regex("(PASSWORD|TOKEN|SECRET|LRC_STORE|API_?KEY)", RegexOptions.IgnoreCase), i.Arguments);
        }

        var text = File.ReadAllText(Repo.Deploy("docker", file));
        Assert.DoesNotContain("postgres://", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"\b(ghp|glpat|AKIA)[A-Za-z0-9_]{8,}"), text);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_dockerignore_beside_the_dockerfile_keeps_build_outputs_out_of_the_context(string file)
    {
        var ignore = File.ReadAllLines(Repo.Deploy("docker", file + ".dockerignore")).Select(l => l.Trim()).ToList();

        Assert.Contains(".git", ignore);
        Assert.Contains("**/bin", ignore);
        Assert.Contains("**/obj", ignore);
        Assert.Contains("build", ignore);
        Assert.DoesNotContain("src", ignore);
    }

    [Fact]
    public void The_cpu_image_publishes_the_nuget_libtorch_for_linux_and_needs_nothing_from_apt_to_train()
    {
        var d = Load("Dockerfile.cpu");
        var build = Assert.Single(d.Stages, s => s.Name == "build");

        Assert.All(d.Stages, s => Assert.Equal("debian:bookworm-slim", s.From));
        var publish = Assert.Single(build.All("RUN"), r => r.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("-r linux-x64", publish, StringComparison.Ordinal);
        Assert.Contains("-p:LrcTorchFlavor=cpu", publish, StringComparison.Ordinal);
        Assert.Contains(build.All("RUN"), r => r.Contains("test -f /app/libLibTorchSharp.so", StringComparison.Ordinal) && r.Contains("/app/libtorch_cpu.so", StringComparison.Ordinal));
        var everyRun = string.Join('\n', d.Stages.SelectMany(s => s.All("RUN")));
        foreach (var gone in new[] { "libtorch-dev", "libtorch1.13", "libopenblas", "cmake", "g++" })
        {
            Assert.DoesNotContain(gone, everyRun, StringComparison.Ordinal);
        }

        Assert.Contains("--runtime aspnetcore", string.Join('\n', d.Final.All("RUN")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_cuda_image_publishes_the_cuda_flavour_and_runs_on_a_cuda_base()
    {
        var d = Load("Dockerfile.cuda");
        var build = Assert.Single(d.Stages, s => s.Name == "build");

        var publish = Assert.Single(build.All("RUN"), r => r.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("-p:LrcTorchFlavor=cuda", publish, StringComparison.Ordinal);
        Assert.Contains(build.All("RUN"), r => r.Contains("/app/libtorch_cuda.so", StringComparison.Ordinal));
        Assert.Equal("nvidia/cuda:12.8.1-base-ubuntu24.04", d.Final.From);
        Assert.Contains("--runtime aspnetcore", string.Join('\n', d.Final.All("RUN")), StringComparison.Ordinal);
        Assert.DoesNotContain("download.pytorch.org", File.ReadAllText(Repo.Deploy("docker", "Dockerfile.cuda")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_gpu_overlay_runs_the_cuda_tag_and_dev_the_cpu_tag()
    {
        Assert.Contains("cuda", (string?)Rendered.Of("overlays/gpu").SiloContainer["image"], StringComparison.Ordinal);
        Assert.Contains("cpu", (string?)Rendered.Of("overlays/dev").SiloContainer["image"], StringComparison.Ordinal);
    }
}
