namespace LrCluster.Core.RangeTest;

/// <summary>Passes raw losses through, for grid tests whose points are already means over many batches.</summary>
public sealed class NoSmoothing : ILossSmoother
{
    public string Kind => "none";

    public double Next(double loss) => loss;

    public void Reset()
    {
    }
}
