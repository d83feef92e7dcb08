using LrCluster.Training.Torch;
using TorchSharp;

namespace LrCluster.Training.Tests.Torch;

public sealed class TorchDeviceTests
{
    [Fact]
    public void Cpu_is_always_a_valid_device()
    {
        Assert.Equal(DeviceType.CPU, TorchEngine.ResolveDevice("cpu").type);
    }

    [Fact]
    public void Cuda_device_count_agrees_with_cuda_availability()
    {
        Assert.Equal(TorchEngine.CudaAvailable, TorchEngine.CudaDeviceCount > 0);
    }

    [Fact]
    public void An_unusable_cuda_device_throws_a_torch_exception_that_names_it()
    {
        // On a CPU machine CUDA is unavailable; on a GPU machine with fewer than four devices the
        // index is out of range. Either way: an exception with a reason, never a crash.
        var error = Assert.Throws<TorchException>(() => TorchModel.Mlp(2, [2], 1, Activation.Relu, "cuda:3", seed: 0));

        Assert.Contains("cuda:3", error.Message, StringComparison.Ordinal);
        Assert.True(
            error.Message.Contains("not available", StringComparison.Ordinal) || error.Message.Contains("out of range", StringComparison.Ordinal),
            error.Message);
    }

    [Fact]
    public void An_unknown_device_kind_throws_a_torch_exception_listing_the_valid_ones()
    {
        var error = Assert.Throws<TorchException>(() => TorchModel.Mlp(2, [2], 1, Activation.Relu, "tpu", seed: 0));

        Assert.Contains("unknown device 'tpu'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'cpu'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cuda:")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("cudas")]
    [InlineData("CPU")]
    public void Malformed_device_names_are_rejected(string device)
    {
        Assert.Throws<TorchException>(() => TorchEngine.ResolveDevice(device));
    }
}
