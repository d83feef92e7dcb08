using LrCluster.Core.Spec;

namespace LrCluster.Core.Tests.Spec;

public sealed class SpecRobustnessTests
{
    [Theory]
    [InlineData("rangeTest:", "rangeTest")]
    [InlineData("rangeTest: 5", "rangeTest")]
    [InlineData("clr:", "clr")]
    [InlineData("clr: [1, 2]", "clr")]
    public void A_phase_that_is_not_a_mapping_is_reported_as_a_spec_error_not_a_crash(string line, string path)
    {
        var yaml = SpecText.WithTail(line);

        var errors = SpecText.Errors(yaml);

        SpecAssert.HasError(errors, 7, path, "must be a mapping (key: value pairs)");
    }

    [Fact]
    public void A_spec_with_nothing_to_run_says_so_even_when_it_has_other_problems()
    {
        var yaml = SpecText.HeaderWith(4, "loss: hinge");

        var errors = SpecText.Errors(yaml);

        SpecAssert.HasError(errors, 4, "loss", "'hinge' is not allowed");
        SpecAssert.HasError(errors, 1, "", "nothing to run");
    }

    [Fact]
    public void A_cnn_switched_off_is_never_read_as_a_cnn_model()
    {
        var yaml = SpecText.HeaderWith(3, "model: { cnn: false }", SpecText.RangeTestLine);

        SweepSpec? spec = null;
        var refused = Record.Exception(() => spec = SpecText.Read(yaml));

        Assert.True(refused is SpecException || spec?.Model.Cnn == false, $"cnn: false was read as Cnn={spec?.Model.Cnn}");
    }

    [Fact]
    public void Exactly_one_error_is_reported_for_one_bad_value()
    {
        var yaml = SpecText.WithTail("rangeTest: { steps: many }");

        var error = Assert.Single(SpecText.Errors(yaml));

        Assert.Equal(new SpecError("t.yaml", 7, "rangeTest.steps", "'many' is not a whole number"), error);
    }

    [Fact]
    public void A_valid_spec_read_twice_gives_equal_results()
    {
        var yaml = SpecText.WithTail("rangeTest: { steps: 50, repeats: 2 }", "clr: { epochs: 3, configs: [ { policy: triangular2 } ] }");

        var first = SpecText.Read(yaml);
        var second = SpecText.Read(yaml);

        Assert.Equal(first.RangeTest!.Steps, second.RangeTest!.Steps);
        Assert.Equal(first.RangeTest.Candidates, second.RangeTest.Candidates);
        Assert.Equal(first.Clr!.Configs, second.Clr!.Configs);
        Assert.Equal(first.Optimizer, second.Optimizer);
    }
}
