namespace LrCluster.Core.RangeTest;

/// <summary>
/// torch-lr-finder smoothing: <c>s_0 = loss_0</c>, then <c>s_t = f*loss_t + (1-f)*s_{t-1}</c>.
/// </summary>
public sealed class Ema : ILossSmoother
{
    private double _state;
    private bool _started;

    public Ema(double factor = 0.05)
    {
        // factor = 0 would freeze the curve at the first loss; factor = 1 means no smoothing.
        if (!(factor > 0 && factor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be in (0, 1].");
        }

        Factor = factor;
    }

    public double Factor { get; }

    public string Kind => "ema";

    public double Next(double loss)
    {
        _state = _started ? Factor * loss + (1 - Factor) * _state : loss;
        _started = true;
        return _state;
    }

    public void Reset()
    {
        _state = 0;
        _started = false;
    }
}
