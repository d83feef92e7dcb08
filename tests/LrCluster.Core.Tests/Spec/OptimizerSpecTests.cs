using LrCluster.Core.Spec;

namespace LrCluster.Core.Tests.Spec;

public sealed class OptimizerSpecTests
{
    [Fact]
    public void Sgd_describes_its_momentum_and_weight_decay()
    {
        var sgd = new OptimizerSpec("sgd", Momentum: 0.9, WeightDecay: 0.0001);

        Assert.Equal("sgd(momentum=0.9, wd=0.0001)", sgd.Describe());
    }

    [Fact]
    public void Sgd_with_nesterov_says_so()
    {
        var sgd = new OptimizerSpec("sgd", Momentum: 0.95, Nesterov: true);

        Assert.Equal("sgd(momentum=0.95, nesterov, wd=0)", sgd.Describe());
    }

    [Fact]
    public void Rmsprop_describes_alpha_momentum_and_weight_decay()
    {
        var rmsprop = new OptimizerSpec("rmsprop", Alpha: 0.9, Momentum: 0.5, WeightDecay: 0.01);

        Assert.Equal("rmsprop(alpha=0.9, momentum=0.5, wd=0.01)", rmsprop.Describe());
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("adamw")]
    public void Adam_style_optimizers_describe_their_betas_and_weight_decay(string name)
    {
        var adam = new OptimizerSpec(name, Beta1: 0.95, WeightDecay: 0.1);

        Assert.Equal($"{name}(betas=(0.95, 0.999), wd=0.1)", adam.Describe());
    }

    [Theory]
    [InlineData("adam", true)]
    [InlineData("adamw", true)]
    [InlineData("sgd", false)]
    [InlineData("rmsprop", false)]
    public void Only_adam_style_optimizers_cycle_beta1_instead_of_momentum(string name, bool expected)
    {
        var optimizer = new OptimizerSpec(name);

        Assert.Equal(expected, optimizer.UsesBeta1);
    }

    [Fact]
    public void The_allowed_names_are_the_four_supported_optimizers()
    {
        var names = OptimizerSpec.Names;

        Assert.Equal(["sgd", "adam", "adamw", "rmsprop"], names);
    }
}
