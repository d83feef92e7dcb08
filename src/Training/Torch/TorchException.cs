namespace LrCluster.Training.Torch;

/// <summary>A failure reported by libtorch or the native shim, carrying the native message.</summary>
public sealed class TorchException : Exception
{
    public TorchException(string message)
        : base(message)
    {
    }

    public TorchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
