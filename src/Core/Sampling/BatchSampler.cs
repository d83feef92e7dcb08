namespace LrCluster.Core.Sampling;

/// <summary>
/// Mini-batches as a pure function of the global step: epoch e uses a permutation seeded by
/// (seed, e), and the last partial batch is dropped so every step sees the same batch size. Because
/// nothing is carried between steps, a resumed trial needs only its step number to continue exactly.
/// </summary>
public sealed class BatchSampler
{
    private readonly int _rows;
    private readonly ulong _seed;
    private int[]? _permutation;
    private long _permutationEpoch = -1;

    public BatchSampler(int rows, int batchSize, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (batchSize > rows)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"batch size {batchSize} exceeds the {rows} training rows; allowed: 1 to {rows}");
        }

        _rows = rows;
        BatchSize = batchSize;
        _seed = seed;
        BatchesPerEpoch = rows / batchSize;
    }

    public int BatchSize { get; }

    public int BatchesPerEpoch { get; }

    public long EpochOf(long step) => step / BatchesPerEpoch;

    /// <summary>Writes the row indices of the batch used at <paramref name="step"/> into <paramref name="destination"/>.</summary>
    public void Fill(long step, Span<long> destination)
    {
        var epoch = EpochOf(step);
        if (epoch != _permutationEpoch)
        {
            _permutation = Permutation(_rows, SplitMix64.Mix(_seed, (ulong)epoch));
            _permutationEpoch = epoch;
        }

        var offset = (int)(step % BatchesPerEpoch) * BatchSize;
        for (var i = 0; i < BatchSize; i++)
        {
            destination[i] = _permutation![offset + i];
        }
    }

    public static int[] Permutation(int n, ulong seed)
    {
        var items = new int[n];
        for (var i = 0; i < n; i++)
        {
            items[i] = i;
        }

        var rng = new SplitMix64(seed);
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }
}
