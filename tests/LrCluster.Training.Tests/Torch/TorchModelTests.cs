using LrCluster.Training.Torch;
using TorchSharp;

namespace LrCluster.Training.Tests.Torch;

public sealed class TorchModelTests
{
    [Fact]
    public void An_mlp_counts_weights_and_biases_of_every_layer()
    {
        using var model = TorchModel.Mlp(64, [128, 128], 10, Activation.Relu, "cpu", seed: 0);

        Assert.Equal((64 * 128) + 128 + (128 * 128) + 128 + (128 * 10) + 10, model.ParameterCount);
    }

    [Fact]
    public void A_cnn_counts_its_two_convolutions_and_the_classifier()
    {
        using var model = TorchModel.Cnn(8, 8, 10, "cpu", seed: 0);

        var conv1 = (1 * 8 * 9) + 8;
        var conv2 = (8 * 16 * 9) + 16;
        var fc = (16 * 2 * 2 * 10) + 10;
        Assert.Equal(conv1 + conv2 + fc, model.ParameterCount);
    }

    [Fact]
    public void The_same_seed_builds_the_same_weights_whatever_draws_the_generator_saw_before()
    {
        using var first = TorchModel.Mlp(4, [8], 2, Activation.Tanh, "cpu", seed: 5);
        using var noise = torch.rand(1000);
        using var second = TorchModel.Mlp(4, [8], 2, Activation.Tanh, "cpu", seed: 5);
        using var other = TorchModel.Mlp(4, [8], 2, Activation.Tanh, "cpu", seed: 6);

        Assert.Equal(Weights(first), Weights(second));
        Assert.NotEqual(Weights(first), Weights(other));
    }

    [Fact]
    public void Models_built_on_many_threads_at_once_each_get_the_weights_of_their_own_seed()
    {
        var expected = Enumerable.Range(0, 8).Select(seed =>
        {
            using var model = TorchModel.Mlp(16, [32], 4, Activation.Relu, "cpu", seed);
            return Weights(model);
        }).ToArray();

        var built = new float[8][];
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            using var model = TorchModel.Mlp(16, [32], 4, Activation.Relu, "cpu", i % 8);
            var weights = Weights(model);
            Assert.Equal(expected[i % 8], weights);
            built[i % 8] = weights;
        });

        Assert.All(built, Assert.NotNull);
    }

    /// <summary>The built-in models' initial weights are the ones PyTorch draws after <c>torch.manual_seed</c> (Fixtures/make_fixtures.py).</summary>
    [Theory]
    [InlineData("mlp_4_8_2_seed5")]
    [InlineData("cnn_8x8_3_seed6")]
    public void A_seed_gives_the_initial_weights_pytorch_draws_for_it(string name)
    {
        using var stream = File.OpenRead(Path.Combine(PinnedCase.FixtureDirectory(), "initial_weights.json"));
        var expected = System.Text.Json.JsonDocument.Parse(stream).RootElement.GetProperty(name).EnumerateArray().Select(v => v.GetSingle()).ToArray();
        using var model = name.StartsWith("mlp", StringComparison.Ordinal)
            ? TorchModel.Mlp(4, [8], 2, Activation.Relu, "cpu", seed: 5)
            : TorchModel.Cnn(8, 8, 3, "cpu", seed: 6);

        Assert.Equal(expected, Weights(model));
    }

    [Fact]
    public void The_engine_reports_libtorch_2_10_and_its_thread_count()
    {
        Assert.StartsWith("2.10", TorchEngine.Version, StringComparison.Ordinal);
        Assert.True(TorchEngine.Threads >= 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchEngine.SetThreads(0));
    }

    private static float[] Weights(TorchModel model) =>
        model.Module.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
}
