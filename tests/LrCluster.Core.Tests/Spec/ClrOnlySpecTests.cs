using LrCluster.Core.Spec;

namespace LrCluster.Core.Tests.Spec;

public sealed class ClrOnlySpecTests
{
    // R's Boston exp_range example: base 0.001, max 0.006, step size 32 iterations, gamma 0.99.
    private static readonly string BostonExpRange = SpecText.Lines(
        "name: boston-exp-range",
        "seed: 42",
        "data: { builtin: boston, validation: 0.1, standardize: false }",
        "model: { mlp: { hidden: [64, 32], activation: tanh } }",
        "loss: mse",
        "optimizer: { name: rmsprop, alpha: 0.9 }",
        "batchSize: 32",
        "clr:",
        "  epochs: 20",
        "  stepSize: 32",
        "  baseLr: 0.001",
        "  maxLr: 0.006",
        "  configs:",
        "    - { policy: exp_range, gamma: 0.99 }");

    [Fact]
    public void A_clr_only_spec_with_explicit_bounds_is_valid_without_a_range_test()
    {
        var spec = SpecText.Read(BostonExpRange);

        Assert.Null(spec.RangeTest);
        Assert.NotNull(spec.Clr);
    }

    [Fact]
    public void A_clr_only_spec_keeps_its_bounds_step_size_and_gamma()
    {
        var clr = SpecText.Read(BostonExpRange).Clr!;

        Assert.Equal(20, clr.Epochs);
        Assert.Equal(32, clr.StepSize);
        Assert.Null(clr.StepSizeEpochs);
        Assert.Equal(0.001, clr.BaseLr);
        Assert.Equal(0.006, clr.MaxLr);
        Assert.Equal(new ClrConfigSpec("exp_range", "exp_range", Gamma: 0.99), Assert.Single(clr.Configs));
    }

    [Fact]
    public void A_clr_only_spec_reads_the_regression_settings_around_it()
    {
        var spec = SpecText.Read(BostonExpRange);

        Assert.Equal("boston-exp-range", spec.Name);
        Assert.Equal(42, spec.Seed);
        Assert.Equal(new DataSpec("boston", null, null, null, null, 0.1, false), spec.Data);
        Assert.Equal("mlp[64,32] tanh", spec.Model.Describe());
        Assert.Equal("mse", spec.Loss);
        Assert.Equal(new OptimizerSpec("rmsprop", Alpha: 0.9), spec.Optimizer);
        Assert.Equal(32, spec.BatchSize);
    }

    [Fact]
    public void A_clr_only_config_may_carry_its_own_bounds_instead_of_the_sweep_bounds()
    {
        var yaml = SpecText.WithTail("clr: { epochs: 2, configs: [ { policy: triangular, baseLr: 0.01, maxLr: 0.1 } ] }");

        var config = Assert.Single(SpecText.Read(yaml).Clr!.Configs);

        Assert.Equal(0.01, config.BaseLr);
        Assert.Equal(0.1, config.MaxLr);
    }

    [Fact]
    public void A_clr_only_one_cycle_config_needs_only_a_maximum()
    {
        var yaml = SpecText.WithTail("clr: { epochs: 2, maxLr: 0.1, configs: [ { policy: one_cycle, pctStart: 0.3 } ] }");

        var config = Assert.Single(SpecText.Read(yaml).Clr!.Configs);

        Assert.Equal("one_cycle", config.Policy);
        Assert.Equal(0.3, config.PctStart);
    }
}
