namespace LrCluster.Training.Torch;

/// <summary>A failure reported by libtorch (through TorchSharp), or an engine that cannot be loaded, with libtorch's message.</summary>
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
