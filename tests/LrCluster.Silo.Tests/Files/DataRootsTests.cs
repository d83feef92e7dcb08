using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Silo.Files;
using LrCluster.Silo.Hosting;
using LrCluster.Training.Data;
using LrCluster.Training.Runners;

namespace LrCluster.Silo.Tests.Files;

/// <summary>The data-root rule on a real folder tree with real symbolic links.</summary>
public sealed class DataRootsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lrc-roots-").FullName;
    private readonly string _root;
    private readonly string _outside;

    public DataRootsTests()
    {
        _root = Directory.CreateDirectory(Path.Combine(_dir, "root")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_dir, "outside")).FullName;
        File.WriteAllText(Path.Combine(_root, "in.csv"), "x,y\n1,2\n");
        File.WriteAllText(Path.Combine(_outside, "secret.csv"), "x,y\n3,4\n");
    }

    private DataRoots Roots => DataRoots.Parse(_root);

    [Fact]
    public void A_file_inside_a_root_is_allowed_and_a_relative_path_resolves_against_the_first_root()
    {
        var spec = Roots.Read(Csv("in.csv"), "spec.yaml");

        Assert.Equal(Path.Combine(_root, "in.csv"), spec.Data.Csv);
        Assert.Null(Roots.Refuse(Path.Combine(_root, "in.csv"), Path.Combine(_root, "in.csv")));
    }

    [Fact]
    public void Dot_dot_is_refused_even_when_it_would_land_inside_a_root()
    {
        var e = Assert.Throws<SpecException>(() => Roots.Read(Csv("../outside/secret.csv"), "spec.yaml"));
        Assert.Equal("spec.yaml:1: data.csv: '..' is not allowed in a data path; allowed: files under " + _root, Assert.Single(e.Errors).ToString());

        Assert.NotNull(Roots.Refuse($"{_root}/sub/../in.csv", $"{_root}/in.csv"));
    }

    [Fact]
    public void A_nul_character_is_refused_rather_than_cut_short()
    {
        var path = $"{_root}/in.csv\0/../../outside/secret.csv";

        Assert.Contains("NUL", Roots.Refuse(path, path), StringComparison.Ordinal);
    }

    [Fact]
    public void An_absolute_path_outside_the_roots_is_refused_naming_the_field_and_the_roots()
    {
        var e = Assert.Throws<SpecException>(() => Roots.Read(Csv("/etc/shadow"), "spec.yaml"));

        var error = Assert.Single(e.Errors);
        Assert.Equal("data.csv", error.Path);
        Assert.Equal(1, error.Line);
        Assert.Equal($"'/etc/shadow' is outside the data roots; allowed: files under {_root}", error.Message);
    }

    [Fact]
    public void A_missing_file_outside_reads_the_same_as_an_existing_one_and_a_missing_one_inside_as_missing()
    {
        Assert.Equal(Roots.Refuse("/etc/no-such-file", "/etc/no-such-file")!.Replace("no-such-file", "shadow", StringComparison.Ordinal),
            Roots.Refuse("/etc/shadow", "/etc/shadow"));

        var e = Assert.Throws<SpecException>(() => Roots.Read(Csv("missing.csv"), "spec.yaml"));
        Assert.Contains("does not exist", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_to_a_file_outside_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "link.csv"), Path.Combine(_outside, "secret.csv"));

        var e = Assert.Throws<SpecException>(() => Roots.Read(Csv("link.csv"), "spec.yaml"));

        Assert.Contains("is outside the data roots", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_linked_folder_that_leads_outside_is_refused_and_a_link_that_stays_inside_is_allowed()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "escape"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "alias.csv"), Path.Combine(_root, "in.csv"));

        Assert.Throws<SpecException>(() => Roots.Read(Csv("escape/secret.csv"), "spec.yaml"));
        Assert.Equal(Path.Combine(_root, "alias.csv"), Roots.Read(Csv("alias.csv"), "spec.yaml").Data.Csv);
    }

    [Fact]
    public void A_root_reached_through_a_link_is_canonical_so_its_files_are_still_inside()
    {
        var linkedRoot = Path.Combine(_dir, "linked-root");
        Directory.CreateSymbolicLink(linkedRoot, _root);

        var roots = DataRoots.Parse(linkedRoot);

        Assert.Equal([_root], roots.Roots);
        Assert.Null(roots.Refuse(Path.Combine(linkedRoot, "in.csv"), Path.Combine(linkedRoot, "in.csv")));
    }

    [Fact]
    public void Without_roots_every_file_source_is_refused_and_builtin_data_still_reads()
    {
        var e = Assert.Throws<SpecException>(() => DataRoots.None.Read(Csv(Path.Combine(_root, "in.csv")), "spec.yaml"));
        Assert.Contains("no data roots", Assert.Single(e.Errors).Message, StringComparison.Ordinal);

        var spec = DataRoots.None.Read(Specs.Analytic, "spec.yaml");
        Assert.Equal("digits", spec.Data.Builtin);
    }

    [Theory]
    [InlineData("relative/dir", "is not an absolute path")]
    [InlineData("/no/such/lrc/dir", "is not an existing directory")]
    public void A_bad_root_is_a_configuration_error(string root, string message)
    {
        var e = Assert.Throws<SiloConfigException>(() => DataRoots.Parse(root));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_roots_come_from_a_colon_separated_setting_and_from_repeated_flags()
    {
        var flags = SiloFlags.Parse(["--data-root", _root, "--data-root", _outside]);

        Assert.Equal([_root, _outside], DataRoots.Parse(flags.Settings[DataRoots.Key]).Roots);
        Assert.Null(DataRoots.Parse(flags.Settings[DataRoots.Key]).Refuse("x", Path.Combine(_outside, "secret.csv")));
    }

    [Fact]
    public void A_link_swapped_in_after_the_submission_is_refused_when_the_trainer_opens_the_file()
    {
        var path = Path.Combine(_root, "swap.csv");
        File.WriteAllText(path, "x,y\n1,2\n");
        var spec = Roots.Read(Csv("swap.csv"), "spec.yaml");
        var inner = new CountingFactory();
        var factory = new DataRootTrainerFactory(inner, Roots);
        Assert.Equal(1, factory.TrainRows(spec));

        File.Delete(path);
        File.CreateSymbolicLink(path, Path.Combine(_outside, "secret.csv"));

        var e = Assert.Throws<DataException>(() => factory.TrainRows(spec));
        Assert.StartsWith("data.csv: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("outside the data roots", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("3,4", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, inner.Calls);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Csv(string path) => $$"""
        data: { csv: "{{path}}", target: y }
        name: roots
        model: { mlp: { hidden: [4] } }
        loss: mse
        optimizer: { name: sgd }
        batchSize: 4
        rangeTest: { steps: 10 }
        """;

    private sealed class CountingFactory : ITrainerFactory
    {
        public int Calls { get; private set; }

        public ITrialTrainer Create(SweepSpec spec, TrialDefinition trial) => throw new NotSupportedException();

        public int TrainRows(SweepSpec spec) => ++Calls;
    }
}
