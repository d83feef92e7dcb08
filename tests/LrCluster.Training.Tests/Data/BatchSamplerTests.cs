using LrCluster.Core.Sampling;

namespace LrCluster.Training.Tests.Data;

public sealed class BatchSamplerTests
{
    private static long[] Batch(BatchSampler sampler, long step)
    {
        var batch = new long[sampler.BatchSize];
        sampler.Fill(step, batch);
        return batch;
    }

    [Fact]
    public void A_fresh_sampler_gives_the_same_batch_for_a_step_as_one_that_walked_there()
    {
        var walked = new BatchSampler(100, 8, seed: 42);
        for (var step = 0; step < 37; step++)
        {
            Batch(walked, step);
        }

        var fresh = new BatchSampler(100, 8, seed: 42);

        Assert.Equal(Batch(walked, 37), Batch(fresh, 37));
    }

    [Fact]
    public void Going_back_to_an_earlier_epoch_gives_the_batch_it_gave_before()
    {
        var sampler = new BatchSampler(50, 10, seed: 3);
        var first = Batch(sampler, 2);
        Batch(sampler, 99);

        var again = Batch(sampler, 2);

        Assert.Equal(first, again);
    }

    [Fact]
    public void Every_epoch_is_a_permutation_without_repeats()
    {
        var sampler = new BatchSampler(40, 8, seed: 9);

        for (var epoch = 0; epoch < 3; epoch++)
        {
            var seen = Enumerable.Range(epoch * 5, 5).SelectMany(s => Batch(sampler, s)).ToArray();
            Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), seen.Order());
        }
    }

    [Fact]
    public void The_last_partial_batch_is_dropped()
    {
        var sampler = new BatchSampler(10, 3, seed: 1);

        var epoch = Enumerable.Range(0, 3).SelectMany(s => Batch(sampler, s)).ToArray();

        Assert.Equal(3, sampler.BatchesPerEpoch);
        Assert.Equal(9, epoch.Distinct().Count());
        Assert.All(epoch, i => Assert.InRange(i, 0, 9));
        Assert.Equal(1, sampler.EpochOf(3));
    }

    [Fact]
    public void Consecutive_epochs_are_shuffled_differently()
    {
        var sampler = new BatchSampler(64, 64, seed: 5);

        var first = Batch(sampler, 0);
        var second = Batch(sampler, 1);

        Assert.NotEqual(first, second);
        Assert.Equal(first.Order(), second.Order());
    }

    [Fact]
    public void Different_seeds_give_different_batches()
    {
        var a = new BatchSampler(64, 16, seed: 1);
        var b = new BatchSampler(64, 16, seed: 2);

        Assert.NotEqual(Batch(a, 0), Batch(b, 0));
    }

    [Fact]
    public void A_batch_larger_than_the_data_is_refused_with_the_allowed_range()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSampler(10, 11, seed: 0));

        Assert.Equal("batchSize", error.ParamName);
        Assert.Contains("batch size 11 exceeds the 10 training rows; allowed: 1 to 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_of_every_row_is_allowed_and_gives_one_batch_per_epoch()
    {
        var sampler = new BatchSampler(10, 10, seed: 0);

        Assert.Equal(1, sampler.BatchesPerEpoch);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Batch(sampler, 0).Order());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(10, 0)]
    [InlineData(-1, 1)]
    public void Zero_or_negative_rows_or_batch_size_are_refused(int rows, int batchSize)
    {
        var error = Record.Exception(() => new BatchSampler(rows, batchSize, seed: 0));

        Assert.IsType<ArgumentOutOfRangeException>(error);
    }

    [Fact]
    public void Permutation_is_deterministic_for_a_seed_and_covers_every_index()
    {
        var first = BatchSampler.Permutation(1000, 77);
        var second = BatchSampler.Permutation(1000, 77);

        Assert.Equal(first, second);
        Assert.Equal(Enumerable.Range(0, 1000), first.Order());
        Assert.NotEqual(Enumerable.Range(0, 1000), first);
    }
}
