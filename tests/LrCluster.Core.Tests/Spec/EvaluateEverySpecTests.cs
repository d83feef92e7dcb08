namespace LrCluster.Core.Tests.Spec;

public sealed class EvaluateEverySpecTests
{
    [Fact]
    public void Clr_evaluate_every_is_read_in_steps()
    {
        var spec = SpecText.Read(SpecText.WithTail(SpecText.RangeTestLine, "clr:", "  epochs: 2", "  evaluateEvery: 25", "  configs: [ { policy: fixed } ]"));

        Assert.Equal(25, spec.Clr!.EvaluateEvery);
    }

    [Fact]
    public void Without_evaluate_every_evaluations_happen_at_epoch_ends_only()
    {
        var spec = SpecText.Read(SpecText.WithTail(SpecText.RangeTestLine, "clr:", "  epochs: 2", "  configs: [ { policy: fixed } ]"));

        Assert.Null(spec.Clr!.EvaluateEvery);
    }

    [Theory]
    [InlineData("0", "allowed: 1 to 1000000")]
    [InlineData("-3", "allowed: 1 to 1000000")]
    [InlineData("2.5", "'2.5' is not a whole number")]
    [InlineData("often", "'often' is not a whole number")]
    public void Evaluate_every_must_be_a_positive_whole_number_of_steps(string value, string fragment)
    {
        var errors = SpecText.Errors(SpecText.WithTail(SpecText.RangeTestLine, "clr:", "  epochs: 2", $"  evaluateEvery: {value}", "  configs: [ { policy: fixed } ]"));

        SpecAssert.HasError(errors, 10, "clr.evaluateEvery", fragment);
    }

    [Fact]
    public void A_report_can_reread_a_spec_whose_data_file_is_gone()
    {
        var yaml = SpecText.HeaderWith(2, "data: { csv: gone.csv, target: y }", SpecText.RangeTestLine);

        Assert.Throws<LrCluster.Core.Spec.SpecException>(() => SpecText.Read(yaml));
        var spec = LrCluster.Core.Spec.SpecReader.Read(yaml, SpecText.FileName, checkFiles: false);
        Assert.Equal(10, spec.RangeTest!.Steps);
    }
}
