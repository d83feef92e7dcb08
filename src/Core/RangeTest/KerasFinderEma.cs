namespace LrCluster.Core.RangeTest;

/// <summary>
/// Seed 002's smoothing: <c>s_0 = loss_0</c>, then <c>s_t = a*s_{t-1} + (1-a)*loss_t</c>. Here <c>a</c> weighs the
/// history, the opposite of <see cref="Ema"/>'s factor.
/// </summary>
public sealed class KerasFinderEma : ILossSmoother
{
    private double _state;
    private bool _started;

    public KerasFinderEma(double alpha = 0.3)
    {
        if (!(alpha >= 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in [0, 1).");
        }

        Alpha = alpha;
    }

    public double Alpha { get; }

    public string Kind => "keras-ema";

    public double Next(double loss)
    {
        // The seed seeds its average with loss_0 and blends it with itself; taking loss_0 as is avoids
        // the rounding that blend can add.
        _state = _started ? Alpha * _state + (1 - Alpha) * loss : loss;
        _started = true;
        return _state;
    }

    public void Reset()
    {
        _state = 0;
        _started = false;
    }
}
