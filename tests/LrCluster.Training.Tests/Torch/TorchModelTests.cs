using LrCluster.Training.Torch;
using TorchRuntime = LrCluster.Training.Torch.Torch;

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
    public void A_tensor_rejects_data_that_does_not_fill_its_shape()
    {
        Assert.Throws<ArgumentException>(() => TorchTensor.FromFloats(new float[5], 2, 3, "cpu"));
    }

    [Fact]
    public void A_tensor_reports_its_rows_and_shape()
    {
        using var tensor = TorchTensor.FromImages(new float[3 * 4 * 5], 3, 4, 5, "cpu");

        Assert.Equal(3, tensor.Rows);
        Assert.Equal([3L, 1, 4, 5], tensor.Shape);
    }

    [Fact]
    public void The_runtime_reports_its_libtorch_version_and_thread_count()
    {
        Assert.StartsWith("1.", TorchRuntime.Version, StringComparison.Ordinal);
        Assert.True(TorchRuntime.Threads >= 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.SetThreads(0));
    }
}
