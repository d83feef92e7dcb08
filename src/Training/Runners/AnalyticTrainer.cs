using LrCluster.Core.Sampling;
using LrCluster.Training.Torch;

namespace LrCluster.Training.Runners;

/// <summary>
/// A deterministic, libtorch-free trainer for tests and benchmarks about scheduling: linear regression
/// by SGD with momentum on a seeded synthetic data set. It has the shape a range test needs (the loss
/// falls, then diverges once lr exceeds about 2 / the largest curvature) at almost no cost.
/// Never the default: specs always train through libtorch.
/// </summary>
public sealed class AnalyticTrainer : ITrialTrainer
{
    private const int Features = 8;
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly int _validationStart;
    private readonly double _momentum;
    private double[] _w = new double[Features];
    private double[] _velocity = new double[Features];
    private readonly double[] _gradient = new double[Features];

    public AnalyticTrainer(long seed, int rows = 512, double momentum = 0.9)
    {
        var rng = new SplitMix64((ulong)seed);
        var truth = Enumerable.Range(0, Features).Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
        var total = rows + (rows / 4);
        _x = new double[total * Features];
        _y = new double[total];
        for (var r = 0; r < total; r++)
        {
            var target = 0.0;
            for (var c = 0; c < Features; c++)
            {
                var value = (rng.NextDouble() * 2) - 1;
                _x[(r * Features) + c] = value;
                target += truth[c] * value;
            }

            _y[r] = target + (0.1 * ((rng.NextDouble() * 2) - 1));
        }

        TrainRows = rows;
        _validationStart = rows;
        _momentum = momentum;
    }

    public int TrainRows { get; }

    public double Step(ReadOnlySpan<long> batch, double lr, double? momentum)
    {
        Array.Clear(_gradient);
        var loss = 0.0;
        foreach (var row in batch)
        {
            var error = Predict((int)row) - _y[row];
            loss += error * error;
            for (var c = 0; c < Features; c++)
            {
                _gradient[c] += 2 * error * _x[(row * Features) + c] / batch.Length;
            }
        }

        var mu = momentum ?? _momentum;
        for (var c = 0; c < Features; c++)
        {
            _velocity[c] = (mu * _velocity[c]) + _gradient[c];
            _w[c] -= lr * _velocity[c];
        }

        return loss / batch.Length;
    }

    public EvalResult EvaluateValidation()
    {
        var loss = 0.0;
        var absolute = 0.0;
        var n = _y.Length - _validationStart;
        for (var r = _validationStart; r < _y.Length; r++)
        {
            var error = Predict(r) - _y[r];
            loss += error * error;
            absolute += Math.Abs(error);
        }

        return new EvalResult(loss / n, absolute / n);
    }

    public byte[] SaveState()
    {
        var state = new byte[2 * Features * sizeof(double)];
        Buffer.BlockCopy(_w, 0, state, 0, Features * sizeof(double));
        Buffer.BlockCopy(_velocity, 0, state, Features * sizeof(double), Features * sizeof(double));
        return state;
    }

    public void LoadState(ReadOnlySpan<byte> state)
    {
        if (state.Length != 2 * Features * sizeof(double))
        {
            throw new ArgumentException($"analytic trainer state must be {2 * Features * sizeof(double)} bytes, got {state.Length}", nameof(state));
        }

        _w = new double[Features];
        _velocity = new double[Features];
        var bytes = state.ToArray();
        Buffer.BlockCopy(bytes, 0, _w, 0, Features * sizeof(double));
        Buffer.BlockCopy(bytes, Features * sizeof(double), _velocity, 0, Features * sizeof(double));
    }

    public void ResetOptimizer() => Array.Clear(_velocity);

    public void Dispose()
    {
    }

    private double Predict(int row)
    {
        var sum = 0.0;
        for (var c = 0; c < Features; c++)
        {
            sum += _w[c] * _x[(row * Features) + c];
        }

        return sum;
    }
}
