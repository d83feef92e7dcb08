using LrCluster.Core.Spec;

namespace LrCluster.Core.Tests.Spec;

public sealed class SpecErrorTests
{
    [Fact]
    public void An_error_with_a_line_and_a_path_reads_file_line_path_message()
    {
        var error = new SpecError("sweep.yaml", 12, "rangeTest.steps", "1 is out of range; allowed: 2 to 1000000");

        Assert.Equal("sweep.yaml:12: rangeTest.steps: 1 is out of range; allowed: 2 to 1000000", error.ToString());
    }

    [Fact]
    public void An_error_about_the_whole_spec_leaves_out_the_empty_path()
    {
        var error = new SpecError("sweep.yaml", 1, "", "nothing to run: give rangeTest, clr or both");

        Assert.Equal("sweep.yaml:1: nothing to run: give rangeTest, clr or both", error.ToString());
    }

    [Fact]
    public void An_error_about_the_file_itself_leaves_out_line_zero()
    {
        var error = new SpecError("sweep.yaml", 0, "", "file not found");

        Assert.Equal("sweep.yaml: file not found", error.ToString());
    }

    [Fact]
    public void A_spec_exception_keeps_every_error_and_joins_them_into_its_message()
    {
        SpecError[] errors = [new("a.yaml", 2, "loss", "bad"), new("a.yaml", 5, "batchSize", "worse")];

        var exception = new SpecException(errors);

        Assert.Equal(errors, exception.Errors);
        Assert.Equal($"a.yaml:2: loss: bad{Environment.NewLine}a.yaml:5: batchSize: worse", exception.Message);
    }
}
