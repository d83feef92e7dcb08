using LrCluster.Core.Spec;

namespace LrCluster.Core.Tests.Spec;

public sealed class SpecFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lrc-spec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_missing_spec_file_is_reported_by_its_path()
    {
        var path = Path.Combine(_dir, "absent.yaml");

        var error = Assert.Single(Assert.Throws<SpecException>(() => SpecReader.ReadFile(path)).Errors);

        Assert.Equal(path, error.File);
        Assert.Equal("file not found", error.Message);
    }

    [Fact]
    public void A_spec_file_larger_than_the_limit_is_refused_by_its_size_in_bytes()
    {
        var path = Path.Combine(_dir, "big.yaml");
        File.WriteAllText(path, SpecText.WithTail(SpecText.RangeTestLine) + "#" + new string('x', SpecReader.MaxSpecBytes));

        var error = Assert.Single(Assert.Throws<SpecException>(() => SpecReader.ReadFile(path)).Errors);

        Assert.Equal(0, error.Line);
        Assert.Equal($"file is {new FileInfo(path).Length} bytes; allowed: at most {SpecReader.MaxSpecBytes}", error.Message);
    }

    [Fact]
    public void Errors_from_a_spec_file_name_that_file()
    {
        var path = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(path, SpecText.HeaderWith(4, "loss: hinge", SpecText.RangeTestLine));

        var error = Assert.Single(Assert.Throws<SpecException>(() => SpecReader.ReadFile(path)).Errors);

        Assert.StartsWith($"{path}:4: loss: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_csv_path_resolves_against_the_spec_folder()
    {
        File.WriteAllText(Path.Combine(_dir, "houses.csv"), "a,y\n1,2\n");
        var path = Path.Combine(_dir, "csv.yaml");
        File.WriteAllText(path, SpecText.HeaderWith(2, "data: { csv: houses.csv, target: y }", SpecText.RangeTestLine));

        var data = SpecReader.ReadFile(path).Data;

        Assert.Equal(Path.Combine(_dir, "houses.csv"), data.Csv);
        Assert.Equal("y", data.Target);
        Assert.Null(data.Builtin);
    }

    [Fact]
    public void Relative_npy_paths_resolve_against_the_base_directory_given_to_read()
    {
        File.WriteAllBytes(Path.Combine(_dir, "x.npy"), [0]);
        File.WriteAllBytes(Path.Combine(_dir, "y.npy"), [0]);
        var yaml = SpecText.HeaderWith(2, "data: { npy: { features: x.npy, targets: y.npy } }", SpecText.RangeTestLine);

        var data = SpecReader.Read(yaml, "t.yaml", _dir).Data;

        Assert.Equal(Path.Combine(_dir, "x.npy"), data.NpyFeatures);
        Assert.Equal(Path.Combine(_dir, "y.npy"), data.NpyTargets);
    }

    [Fact]
    public void A_csv_that_exists_relative_to_the_working_folder_but_not_the_spec_folder_is_refused()
    {
        var elsewhere = Directory.CreateTempSubdirectory("lrc-spec-other-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(_dir, "only-here.csv"), "a,y\n1,2\n");
            var yaml = SpecText.HeaderWith(2, "data: { csv: only-here.csv, target: y }", SpecText.RangeTestLine);

            var errors = Assert.Throws<SpecException>(() => SpecReader.Read(yaml, "t.yaml", elsewhere)).Errors;

            SpecAssert.HasError(errors, 2, "data.csv", "file 'only-here.csv' does not exist (relative paths are resolved against the spec's folder)");
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
