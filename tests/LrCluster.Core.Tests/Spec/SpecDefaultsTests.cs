using LrCluster.Core.Spec;

namespace LrCluster.Core.Tests.Spec;

public sealed class SpecDefaultsTests
{
    [Fact]
    public void Omitted_seed_device_validation_and_standardize_take_their_defaults()
    {
        var spec = SpecText.Read(SpecText.WithTail(SpecText.RangeTestLine));

        Assert.Equal(0, spec.Seed);
        Assert.Equal("cpu", spec.Device);
        Assert.Equal(0.2, spec.Data.Validation);
        Assert.True(spec.Data.Standardize);
    }

    [Fact]
    public void An_mlp_without_an_activation_uses_relu()
    {
        var spec = SpecText.Read(SpecText.WithTail(SpecText.RangeTestLine));

        Assert.Equal("relu", spec.Model.Mlp!.Activation);
        Assert.Equal([8], spec.Model.Mlp.Hidden);
    }

    [Fact]
    public void An_optimizer_given_only_by_name_keeps_every_default_setting()
    {
        var spec = SpecText.Read(SpecText.WithTail(SpecText.RangeTestLine));

        Assert.Equal(new OptimizerSpec("sgd", 0, 0, false, 0, 0.9, 0.999, 1e-8, 0.99), spec.Optimizer);
    }

    [Fact]
    public void An_empty_range_test_mapping_gives_the_documented_ladder_and_rules()
    {
        var rangeTest = SpecText.Read(SpecText.WithTail("rangeTest: {}")).RangeTest!;

        Assert.Equal(1e-7, rangeTest.Start);
        Assert.Equal(10, rangeTest.End);
        Assert.Equal(100, rangeTest.Steps);
        Assert.Equal("exp", rangeTest.Mode);
        Assert.Equal(1.06, rangeTest.Multiplier);
        Assert.Equal(1000, rangeTest.SamplesPerLr);
        Assert.Equal(new SmoothingSpec("ema", 0.98), rangeTest.Smoothing);
        Assert.Equal(4, rangeTest.Divergence);
        Assert.Equal(1, rangeTest.Repeats);
        Assert.Equal("valley", rangeTest.Suggest);
        Assert.Equal("smith", rangeTest.Section);
        Assert.Equal(4, rangeTest.SectionRatio);
        Assert.Equal("train", rangeTest.Measure);
        Assert.Equal(1, rangeTest.ValidateEvery);
    }

    [Fact]
    public void A_range_test_without_candidates_runs_only_the_base_settings()
    {
        var spec = SpecText.Read(SpecText.WithTail(SpecText.RangeTestLine));

        var only = Assert.Single(spec.RangeTest!.Candidates);
        Assert.Equal(new CandidateSpec("base", spec.Optimizer, 16), only);
    }

    [Fact]
    public void A_grid_range_test_defaults_to_a_multiplier_of_one_point_two()
    {
        var rangeTest = SpecText.Read(SpecText.WithTail("rangeTest: { mode: grid }")).RangeTest!;

        Assert.Equal(1.2, rangeTest.Multiplier);
    }

    [Fact]
    public void Uncorrected_ema_smoothing_defaults_to_a_beta_of_five_hundredths()
    {
        var rangeTest = SpecText.Read(SpecText.WithTail("rangeTest: { smoothing: { kind: emaUncorrected } }")).RangeTest!;

        Assert.Equal(new SmoothingSpec("emaUncorrected", 0.05), rangeTest.Smoothing);
    }

    [Fact]
    public void A_clr_phase_without_a_step_size_uses_four_epochs()
    {
        var clr = SpecText.Read(SpecText.WithTail(SpecText.RangeTestLine, "clr: { epochs: 3, configs: [ { policy: triangular } ] }")).Clr!;

        Assert.Null(clr.StepSize);
        Assert.Equal(4, clr.StepSizeEpochs);
    }

    [Fact]
    public void A_clr_step_size_without_a_unit_is_a_number_of_optimizer_steps()
    {
        var clr = SpecText.Read(SpecText.WithTail(SpecText.RangeTestLine, "clr: { epochs: 3, stepSize: 500, configs: [ { policy: triangular } ] }")).Clr!;

        Assert.Equal(500, clr.StepSize);
        Assert.Null(clr.StepSizeEpochs);
    }

    [Theory]
    [InlineData("1 epoch", 1.0)]
    [InlineData("2.5 epochs", 2.5)]
    [InlineData(" 3 epochs ", 3.0)]
    public void A_clr_step_size_in_epochs_accepts_singular_plural_and_fractions(string text, double expected)
    {
        var clr = SpecText.Read(SpecText.WithTail(SpecText.RangeTestLine, $"clr: {{ epochs: 3, stepSize: \"{text}\", configs: [ {{ policy: triangular }} ] }}")).Clr!;

        Assert.Equal(expected, clr.StepSizeEpochs);
        Assert.Null(clr.StepSize);
    }

    [Fact]
    public void A_config_with_its_own_name_keeps_that_name_and_leaves_unset_fields_null()
    {
        var config = Assert.Single(SpecText.Read(SpecText.WithTail(SpecText.RangeTestLine, "clr: { epochs: 3, configs: [ { name: slow, policy: triangular2 } ] }")).Clr!.Configs);

        Assert.Equal(new ClrConfigSpec("slow", "triangular2"), config);
    }

    [Fact]
    public void A_candidate_without_an_optimizer_inherits_the_base_optimizer_and_replaces_batch_size_and_weight_decay()
    {
        var spec = SpecText.Read(SpecText.WithTail("rangeTest: { candidates: [ { name: big, batchSize: 128, weightDecay: 0.01 } ] }"));

        var big = spec.RangeTest!.Candidates[1];
        Assert.Equal(new CandidateSpec("big", spec.Optimizer with { WeightDecay = 0.01 }, 128), big);
    }

    [Fact]
    public void A_candidate_that_tunes_the_same_optimizer_keeps_the_base_settings_it_does_not_name()
    {
        var yaml = SpecText.HeaderWith(5, "optimizer: { name: sgd, momentum: 0.9, weightDecay: 0.001 }",
            "rangeTest: { candidates: [ { name: nest, optimizer: { nesterov: true } } ] }");

        var nest = SpecText.Read(yaml).RangeTest!.Candidates[1];

        Assert.Equal(new OptimizerSpec("sgd", Momentum: 0.9, Nesterov: true, WeightDecay: 0.001), nest.Optimizer);
        Assert.Equal(16, nest.BatchSize);
    }

    [Fact]
    public void Unnamed_candidates_are_numbered_from_one_in_list_order()
    {
        var spec = SpecText.Read(SpecText.WithTail("rangeTest: { candidates: [ { batchSize: 8 }, { batchSize: 32 } ] }"));

        Assert.Equal(["base", "c1", "c2"], spec.RangeTest!.Candidates.Select(c => c.Name));
    }

    [Fact]
    public void A_cnn_model_needs_no_settings()
    {
        var spec = SpecText.Read(SpecText.HeaderWith(3, "model: { cnn: {} }", SpecText.RangeTestLine));

        Assert.True(spec.Model.Cnn);
        Assert.Null(spec.Model.Mlp);
        Assert.Equal("cnn", spec.Model.Describe());
    }

    [Fact]
    public void A_cuda_device_with_an_index_is_accepted()
    {
        var spec = SpecText.Read(SpecText.Lines(["device: cuda:1", .. SpecText.Header, SpecText.RangeTestLine]));

        Assert.Equal("cuda:1", spec.Device);
    }
}
