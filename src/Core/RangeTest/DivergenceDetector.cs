namespace LrCluster.Core.RangeTest;

/// <summary>
/// Decides when a range test has diverged. The default rule (fastai, Lightning k = 4, torch-lr-finder k = 5)
/// stops once the smoothed loss exceeds <c>factor</c> times the lowest smoothed loss so far;
/// <see cref="RelativeToFirst"/> is seed 002's rule, smoothed loss above <c>factor</c> times the first raw loss.
/// Either rule also stops on a non-finite loss. Both ratios assume positive losses, as cross-entropy and
/// squared error are.
/// </summary>
public sealed class DivergenceDetector
{
    private readonly bool _relativeToFirst;
    private double _reference;
    private bool _started;

    public DivergenceDetector(double factor = 4)
        : this(factor, relativeToFirst: false)
    {
    }

    private DivergenceDetector(double factor, bool relativeToFirst)
    {
        if (!double.IsFinite(factor) || factor < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be a finite number of at least 1.");
        }

        Factor = factor;
        _relativeToFirst = relativeToFirst;
    }

    public double Factor { get; }

    /// <summary>"best" for the lowest-so-far rule, "first" for seed 002's rule.</summary>
    public string Rule => _relativeToFirst ? "first" : "best";

    /// <summary>Seed 002's rule: stop when the smoothed loss exceeds <paramref name="factor"/> times the first raw loss.</summary>
    public static DivergenceDetector RelativeToFirst(double factor = 2) => new(factor, relativeToFirst: true);

    /// <summary>Records one step and returns true when the range test must stop after it.</summary>
    public bool Observe(double rawLoss, double smoothed)
    {
        if (!double.IsFinite(rawLoss) || !double.IsFinite(smoothed))
        {
            return true;
        }

        if (_relativeToFirst)
        {
            if (!_started)
            {
                _reference = rawLoss;
                _started = true;
            }

            return smoothed > Factor * _reference;
        }

        // The references all fold step t into the best before comparing. For positive losses and
        // factor >= 1 that is the same as comparing first: a new best can never exceed factor times itself.
        if (!_started || smoothed < _reference)
        {
            _reference = smoothed;
            _started = true;
        }

        return smoothed > Factor * _reference;
    }

    public void Reset()
    {
        _reference = 0;
        _started = false;
    }
}
