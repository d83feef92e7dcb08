using LrCluster.Core.Spec;

namespace LrCluster.Core.Tests.Spec;

public sealed class DigitsExampleSpecTests
{
    private static SweepSpec ReadExample() => SpecReader.ReadFile(SpecText.RepositoryFile(Path.Combine("examples", "digits.yaml")));

    [Fact]
    public void The_example_names_the_sweep_and_keeps_seed_and_device_defaults()
    {
        var spec = ReadExample();

        Assert.Equal("digits-mlp", spec.Name);
        Assert.Equal(0, spec.Seed);
        Assert.Equal("cpu", spec.Device);
        Assert.Equal("crossEntropy", spec.Loss);
        Assert.Equal(64, spec.BatchSize);
    }

    [Fact]
    public void The_example_uses_the_builtin_digits_data_with_a_fifth_held_out_and_standardised()
    {
        var data = ReadExample().Data;

        Assert.Equal(new DataSpec("digits", null, null, null, null, 0.2, true), data);
    }

    [Fact]
    public void The_example_model_is_a_two_layer_relu_mlp()
    {
        var model = ReadExample().Model;

        Assert.NotNull(model.Mlp);
        Assert.Equal([128, 128], model.Mlp!.Hidden);
        Assert.Equal("relu", model.Mlp.Activation);
        Assert.False(model.Cnn);
        Assert.Null(model.TorchScript);
        Assert.Equal("mlp[128,128] relu", model.Describe());
    }

    [Fact]
    public void The_example_optimizer_is_sgd_with_momentum_and_weight_decay()
    {
        var optimizer = ReadExample().Optimizer;

        Assert.Equal(new OptimizerSpec("sgd", Momentum: 0.9, WeightDecay: 0.0001), optimizer);
    }

    [Fact]
    public void The_example_range_test_reads_every_ladder_and_decision_setting()
    {
        var rangeTest = ReadExample().RangeTest;

        Assert.NotNull(rangeTest);
        Assert.Equal(1.0e-5, rangeTest!.Start);
        Assert.Equal(10, rangeTest.End);
        Assert.Equal(200, rangeTest.Steps);
        Assert.Equal("exp", rangeTest.Mode);
        Assert.Equal(new SmoothingSpec("ema", 0.98), rangeTest.Smoothing);
        Assert.Equal(4, rangeTest.Divergence);
        Assert.Equal(3, rangeTest.Repeats);
        Assert.Equal("valley", rangeTest.Suggest);
        Assert.Equal("smith", rangeTest.Section);
    }

    [Fact]
    public void The_example_range_test_keeps_defaults_for_the_fields_it_omits()
    {
        var rangeTest = ReadExample().RangeTest!;

        Assert.Equal(1.06, rangeTest.Multiplier);
        Assert.Equal(1000, rangeTest.SamplesPerLr);
        Assert.Equal(4, rangeTest.SectionRatio);
        Assert.Equal("train", rangeTest.Measure);
        Assert.Equal(1, rangeTest.ValidateEvery);
    }

    [Fact]
    public void The_example_has_the_base_candidate_first_and_then_adam()
    {
        var candidates = ReadExample().RangeTest!.Candidates;

        Assert.Equal(["base", "adam"], candidates.Select(c => c.Name));
        Assert.Equal(new OptimizerSpec("sgd", Momentum: 0.9, WeightDecay: 0.0001), candidates[0].Optimizer);
        Assert.All(candidates, c => Assert.Equal(64, c.BatchSize));
    }

    [Fact]
    public void The_adam_candidate_starts_from_adam_defaults_and_does_not_inherit_sgd_momentum()
    {
        var adam = ReadExample().RangeTest!.Candidates.Single(c => c.Name == "adam").Optimizer;

        Assert.Equal("adam", adam.Name);
        Assert.Equal(0, adam.Momentum);
        Assert.Equal(0.9, adam.Beta1);
        Assert.Equal(0.999, adam.Beta2);
        Assert.Equal(1e-8, adam.Eps);
        Assert.True(adam.UsesBeta1);
    }

    [Fact]
    public void The_example_cyclical_phase_gives_its_step_size_in_epochs()
    {
        var clr = ReadExample().Clr;

        Assert.NotNull(clr);
        Assert.Equal(8, clr!.Epochs);
        Assert.Null(clr.StepSize);
        Assert.Equal(2, clr.StepSizeEpochs);
        Assert.Null(clr.BaseLr);
        Assert.Null(clr.MaxLr);
        Assert.Equal(46, clr.ResolveStepSize(23));
    }

    [Fact]
    public void The_example_configs_are_named_after_their_policies_in_file_order()
    {
        var configs = ReadExample().Clr!.Configs;

        Assert.Equal(["fixed", "triangular", "triangular2", "exp_range", "one_cycle"], configs.Select(c => c.Name));
        Assert.Equal(configs.Select(c => c.Name), configs.Select(c => c.Policy));
        Assert.Equal(0.999, configs.Single(c => c.Policy == "exp_range").Gamma);
        Assert.All(configs.Where(c => c.Policy != "exp_range"), c => Assert.Null(c.Gamma));
    }
}
