using TorchSharp;
using static TorchSharp.torch;

namespace LrCluster.Training.Tests.Torch;

/// <summary>Small seeded data sets that a few hundred steps can learn.</summary>
internal sealed class SyntheticData : IDisposable
{
    private SyntheticData(Tensor x, Tensor y, int features)
    {
        X = x;
        Y = y;
        Features = features;
    }

    public Tensor X { get; }

    public Tensor Y { get; }

    public int Features { get; }

    public long Rows => X.shape[0];

    /// <summary>y = a linear function of x plus a little noise.</summary>
    public static SyntheticData Regression(int rows = 256, int features = 6, int seed = 3)
    {
        var random = new Random(seed);
        var x = new float[rows * features];
        var y = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            double sum = 0;
            for (var j = 0; j < features; j++)
            {
                var v = (float)((random.NextDouble() * 2) - 1);
                x[(i * features) + j] = v;
                sum += v * (j % 2 == 0 ? 1.5 : -0.75);
            }

            y[i] = (float)(sum + (0.05 * ((random.NextDouble() * 2) - 1)));
        }

        return new SyntheticData(torch.tensor(x, [rows, features]), torch.tensor(y), features);
    }

    /// <summary>Three classes separated by the signs of the first two features.</summary>
    public static SyntheticData Classification(int rows = 300, int features = 4, int seed = 5)
    {
        var random = new Random(seed);
        var x = new float[rows * features];
        var y = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < features; j++)
            {
                x[(i * features) + j] = (float)((random.NextDouble() * 2) - 1);
            }

            y[i] = (x[i * features] > 0 ? 1 : 0) + (x[(i * features) + 1] > 0.3f ? 1 : 0);
        }

        return new SyntheticData(torch.tensor(x, [rows, features]), torch.tensor(y), features);
    }

    /// <summary>Batch index lists from a seeded shuffle, so runs can be replayed exactly.</summary>
    public static long[][] Batches(long rows, int batchSize, int steps, int seed)
    {
        var random = new Random(seed);
        var batches = new long[steps][];
        for (var s = 0; s < steps; s++)
        {
            batches[s] = new long[batchSize];
            for (var k = 0; k < batchSize; k++)
            {
                batches[s][k] = random.NextInt64(rows);
            }
        }

        return batches;
    }

    public void Dispose()
    {
        X.Dispose();
        Y.Dispose();
    }
}
