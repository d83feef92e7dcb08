using LrCluster.Training.Data;

namespace LrCluster.Training.Tests.Data;

public sealed class DataSplitTests
{
    /// <summary>Rows whose first feature is the row index, so a split can be traced back; the second column is constant.</summary>
    private static TabularData Indexed(int rows)
    {
        var features = new float[rows * 3];
        for (var r = 0; r < rows; r++)
        {
            features[r * 3] = r;
            features[(r * 3) + 1] = 7;
            features[(r * 3) + 2] = (r % 5) * 2.5f;
        }

        return new TabularData("indexed", features, rows, 3, Enumerable.Range(0, rows).Select(r => (float)r).ToArray(), null, 0, null);
    }

    private static int[] RowIds(TabularData d) => Enumerable.Range(0, d.Rows).Select(r => (int)d.Features[r * d.Columns]).ToArray();

    [Fact]
    public void The_same_seed_gives_the_same_split()
    {
        var data = DataLoader.Digits();

        var first = DataSplit.Create(data, 0.2, standardize: true, seed: 7);
        var second = DataSplit.Create(data, 0.2, standardize: true, seed: 7);

        Assert.Equal(first.Train.Labels, second.Train.Labels);
        Assert.Equal(first.Train.Features, second.Train.Features);
        Assert.Equal(first.Validation.Features, second.Validation.Features);
    }

    [Fact]
    public void Another_seed_gives_another_split()
    {
        var data = Indexed(200);

        var first = DataSplit.Create(data, 0.25, standardize: false, seed: 1);
        var second = DataSplit.Create(data, 0.25, standardize: false, seed: 2);

        Assert.NotEqual(RowIds(first.Validation).Order(), RowIds(second.Validation).Order());
    }

    [Fact]
    public void Sizes_add_up_with_the_validation_share_rounded()
    {
        var data = DataLoader.Digits();

        var split = DataSplit.Create(data, 0.2, standardize: false, seed: 0);

        Assert.Equal(359, split.Validation.Rows);
        Assert.Equal(1438, split.Train.Rows);
        Assert.Equal(split.Train.Rows * 64, split.Train.Features.Length);
        Assert.Equal(split.Validation.Rows, split.Validation.Labels!.Length);
    }

    [Fact]
    public void No_row_is_in_both_sets_and_every_row_is_in_one()
    {
        var data = Indexed(101);

        var split = DataSplit.Create(data, 0.3, standardize: false, seed: 5);

        var train = RowIds(split.Train);
        var validation = RowIds(split.Validation);
        Assert.Empty(train.Intersect(validation));
        Assert.Equal(Enumerable.Range(0, 101), train.Concat(validation).Order());
    }

    [Fact]
    public void Targets_travel_with_their_rows()
    {
        var data = Indexed(50);

        var split = DataSplit.Create(data, 0.2, standardize: false, seed: 3);

        Assert.Equal(RowIds(split.Train).Select(r => (float)r), split.Train.Targets);
        Assert.Equal(RowIds(split.Validation).Select(r => (float)r), split.Validation.Targets);
    }

    [Fact]
    public void Standardising_gives_each_varying_training_column_mean_zero_and_standard_deviation_one()
    {
        var data = DataLoader.Digits();

        var train = DataSplit.Create(data, 0.2, standardize: true, seed: 11).Train;

        var varying = 0;
        for (var c = 0; c < train.Columns; c++)
        {
            var column = Enumerable.Range(0, train.Rows).Select(r => (double)train.Features[(r * train.Columns) + c]).ToArray();
            var mean = column.Average();
            var std = Math.Sqrt(column.Select(v => (v - mean) * (v - mean)).Average());
            Assert.InRange(mean, -1e-4, 1e-4);
            if (std > 0)
            {
                varying++;
                Assert.InRange(std, 1 - 1e-4, 1 + 1e-4);
            }
        }

        Assert.True(varying >= 60, $"only {varying} varying columns");
    }

    [Fact]
    public void Standardising_leaves_constant_columns_finite_at_zero()
    {
        var data = Indexed(40);

        var split = DataSplit.Create(data, 0.25, standardize: true, seed: 9);

        Assert.All(split.Train.Features, v => Assert.True(float.IsFinite(v)));
        Assert.All(split.Validation.Features, v => Assert.True(float.IsFinite(v)));
        Assert.All(Enumerable.Range(0, split.Train.Rows), r => Assert.Equal(0f, split.Train.Features[(r * 3) + 1]));
    }

    [Fact]
    public void Validation_rows_are_scaled_with_training_statistics_only()
    {
        var data = Indexed(60);
        var raw = DataSplit.Create(data, 0.25, standardize: false, seed: 4);

        var scaled = DataSplit.Create(data, 0.25, standardize: true, seed: 4);

        var trainColumn = Enumerable.Range(0, raw.Train.Rows).Select(r => (double)raw.Train.Features[r * 3]).ToArray();
        var mean = trainColumn.Average();
        var std = Math.Sqrt(trainColumn.Select(v => (v - mean) * (v - mean)).Average());
        for (var r = 0; r < raw.Validation.Rows; r++)
        {
            var expected = (raw.Validation.Features[r * 3] - mean) / std;
            Assert.Equal(expected, scaled.Validation.Features[r * 3], 4);
        }
    }

    [Fact]
    public void Splitting_does_not_change_the_data_it_was_given()
    {
        var data = Indexed(30);
        var before = data.Features.ToArray();

        DataSplit.Create(data, 0.2, standardize: true, seed: 1);

        Assert.Equal(before, data.Features);
    }

    [Fact]
    public void A_zero_validation_share_keeps_every_row_for_training()
    {
        var data = Indexed(20);

        var split = DataSplit.Create(data, 0, standardize: false, seed: 1);

        Assert.Equal(20, split.Train.Rows);
        Assert.Equal(0, split.Validation.Rows);
        Assert.Empty(split.Validation.Features);
    }

    [Fact]
    public void A_split_that_leaves_fewer_than_two_training_rows_is_refused()
    {
        var data = Indexed(3);

        var error = Assert.Throws<DataException>(() => DataSplit.Create(data, 0.5, standardize: true, seed: 1));

        Assert.Equal("indexed: 3 rows leave fewer than 2 for training with validation 0.5", error.Message);
    }
}
