using LrCluster.Core.Spec;

namespace LrCluster.Core.Tests.Spec;

public sealed class SpecErrorReportingTests
{
    [Fact]
    public void Three_different_problems_are_all_reported_at_once_ordered_by_line()
    {
        // Found in the order name (1), rangeTest.steps (8), then the unknown key (3) once the top level is checked.
        var yaml = SpecText.Lines(
            "name: \"bad name\"",
            "data: { builtin: digits }",
            "colour: blue",
            "model: { mlp: { hidden: [8] } }",
            "loss: crossEntropy",
            "optimizer: { name: sgd }",
            "batchSize: 16",
            "rangeTest: { steps: 1 }");

        var errors = SpecText.Errors(yaml);

        Assert.Equal([1, 3, 8], errors.Select(e => e.Line));
        Assert.Equal(["name", "colour", "rangeTest.steps"], errors.Select(e => e.Path));
    }

    [Fact]
    public void The_exception_message_lists_every_problem_one_per_line_in_file_line_path_form()
    {
        var yaml = SpecText.HeaderWith(4, "loss: hinge", "rangeTest: { repeats: 0 }");

        var exception = Assert.Throws<SpecException>(() => SpecText.Read(yaml));

        var lines = exception.Message.Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("t.yaml:4: loss: 'hinge' is not allowed; allowed: ", lines[0], StringComparison.Ordinal);
        Assert.Equal("t.yaml:7: rangeTest.repeats: 0 is out of range; allowed: 1 to 100", lines[1]);
    }

    [Fact]
    public void Problems_in_different_sections_are_not_hidden_by_an_earlier_one()
    {
        var yaml = SpecText.HeaderWith(2, "data: { builtin: digits, validation: 2 }",
            "rangeTest: { mode: log }",
            "clr: { epochs: 0, configs: [ { policy: nope } ] }");

        var errors = SpecText.Errors(yaml);

        SpecAssert.HasError(errors, 2, "data.validation", "out of range");
        SpecAssert.HasError(errors, 7, "rangeTest.mode", "'log' is not allowed");
        SpecAssert.HasError(errors, 8, "clr.epochs", "0 is out of range");
        SpecAssert.HasError(errors, 8, "clr.configs[0].policy", "'nope' is not allowed");
    }

    [Fact]
    public void A_misspelt_top_level_section_lists_rangeTest_and_clr_among_the_allowed_keys()
    {
        // The typo case that matters most: 'clrs:' instead of 'clr:' must point the user at 'clr'.
        var yaml = SpecText.WithTail(SpecText.RangeTestLine, "clrs: { epochs: 2 }");

        var error = SpecAssert.HasError(SpecText.Errors(yaml), 8, "clrs", "unknown key");

        Assert.Equal("unknown key; allowed here: batchSize, clr, data, device, loss, model, name, optimizer, rangeTest, seed", error.Message);
    }

    [Fact]
    public void A_misspelt_candidate_optimizer_lists_optimizer_among_the_allowed_keys()
    {
        var yaml = SpecText.WithTail("rangeTest: { candidates: [ { name: a, optimiser: { name: adam } } ] }");

        var error = SpecAssert.HasError(SpecText.Errors(yaml), 7, "rangeTest.candidates[0].optimiser", "unknown key");

        Assert.Equal("unknown key; allowed here: batchSize, name, optimizer, weightDecay", error.Message);
    }

    [Fact]
    public void Invalid_yaml_is_reported_once_with_the_line_where_it_breaks()
    {
        var yaml = SpecText.Lines("name: t", "seed: 0", "loss: \"unterminated", "batchSize: 3");

        var error = Assert.Single(SpecText.Errors(yaml));

        Assert.Equal(3, error.Line);
        Assert.Equal("", error.Path);
        Assert.StartsWith("not valid YAML: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_given_twice_is_reported_as_invalid_yaml_rather_than_crashing()
    {
        var yaml = SpecText.WithTail(SpecText.RangeTestLine, "batchSize: 32");

        var error = Assert.Single(SpecText.Errors(yaml));

        Assert.Equal("", error.Path);
        Assert.True(error.Line >= 6, $"line {error.Line}");
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- name: t\n- loss: mse\n")]
    [InlineData("just a sentence\n")]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void A_spec_whose_top_level_is_not_a_mapping_is_refused_at_line_one(string yaml)
    {
        var error = Assert.Single(SpecText.Errors(yaml));

        Assert.Equal(1, error.Line);
        Assert.Equal("", error.Path);
        Assert.Contains("top level is a mapping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_yaml_documents_in_one_spec_are_refused()
    {
        var yaml = SpecText.WithTail(SpecText.RangeTestLine) + "---\n" + SpecText.WithTail(SpecText.RangeTestLine);

        var error = Assert.Single(SpecText.Errors(yaml));

        Assert.Contains("must be one YAML document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_text_longer_than_the_limit_is_refused_before_it_is_parsed()
    {
        var yaml = SpecText.WithTail(SpecText.RangeTestLine) + "#" + new string('x', SpecReader.MaxSpecBytes) + "\n";

        var error = Assert.Single(SpecText.Errors(yaml));

        Assert.Equal(0, error.Line);
        Assert.Equal("", error.Path);
        Assert.Equal($"spec is {yaml.Length} characters; allowed: at most {SpecReader.MaxSpecBytes}", error.Message);
    }

    [Fact]
    public void A_spec_text_exactly_at_the_limit_is_still_read()
    {
        var valid = SpecText.WithTail(SpecText.RangeTestLine);
        var yaml = valid + "#" + new string('x', SpecReader.MaxSpecBytes - valid.Length - 1);

        var spec = SpecText.Read(yaml);

        Assert.Equal(SpecReader.MaxSpecBytes, yaml.Length);
        Assert.Equal("t", spec.Name);
    }
}
