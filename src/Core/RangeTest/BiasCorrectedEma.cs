namespace LrCluster.Core.RangeTest;

/// <summary>
/// fastai / Lightning smoothing: <c>avg_t = beta*avg_{t-1} + (1-beta)*loss_t</c> from <c>avg_0 = 0</c>, divided
/// by <c>1 - beta^t</c> (t from 1) so the first values are not pulled towards zero.
/// </summary>
public sealed class BiasCorrectedEma : ILossSmoother
{
    private double _average;
    private int _count;

    public BiasCorrectedEma(double beta = 0.98)
    {
        // beta = 1 would divide by zero in the correction; beta = 0 is allowed and means no smoothing.
        if (!(beta >= 0 && beta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be in [0, 1).");
        }

        Beta = beta;
    }

    public double Beta { get; }

    public string Kind => "bias-corrected-ema";

    public double Next(double loss)
    {
        _count++;
        _average = Beta * _average + (1 - Beta) * loss;
        return _average / (1 - Math.Pow(Beta, _count));
    }

    public void Reset()
    {
        _average = 0;
        _count = 0;
    }
}
