namespace LrCluster.Bench;

/// <summary>Row indices of successive batches from a seeded permutation, redrawn each epoch (drop-last).</summary>
internal sealed class Batches(int rows, int batchSize, int seed)
{
    private readonly Random random = new(seed);
    private readonly long[] permutation = new long[rows];
    private int position = int.MaxValue;

    public ReadOnlySpan<long> Next()
    {
        if (position > permutation.Length - batchSize)
        {
            for (var i = 0; i < permutation.Length; i++)
            {
                permutation[i] = i;
            }

            random.Shuffle(permutation);
            position = 0;
        }

        var span = permutation.AsSpan(position, batchSize);
        position += batchSize;
        return span;
    }
}
