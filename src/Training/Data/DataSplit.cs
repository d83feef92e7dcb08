using LrCluster.Core.Sampling;

namespace LrCluster.Training.Data;

/// <summary>A seeded train/validation split; standardisation uses training statistics only, so no validation information leaks.</summary>
public sealed record DataSplit(TabularData Train, TabularData Validation)
{
    public static DataSplit Create(TabularData data, double validationFraction, bool standardize, long seed)
    {
        var validationRows = (int)Math.Round(data.Rows * validationFraction);
        if (data.Rows - validationRows < 2)
        {
            throw new DataException($"{data.Name}: {data.Rows} rows leave fewer than 2 for training with validation {validationFraction}");
        }

        var order = BatchSampler.Permutation(data.Rows, SplitMix64.Mix((ulong)seed, 0x5EED_DA7AUL));
        var train = data.Take(order[validationRows..]);
        var validation = data.Take(validationRows == 0 ? order[..0] : order[..validationRows]);
        if (standardize)
        {
            var (mean, std) = ColumnStatistics(train);
            Standardize(train, mean, std);
            Standardize(validation, mean, std);
        }

        return new DataSplit(train, validation);
    }

    private static (double[] Mean, double[] Std) ColumnStatistics(TabularData d)
    {
        var mean = new double[d.Columns];
        var std = new double[d.Columns];
        for (var r = 0; r < d.Rows; r++)
        {
            for (var c = 0; c < d.Columns; c++)
            {
                mean[c] += d.Features[(r * d.Columns) + c];
            }
        }

        for (var c = 0; c < d.Columns; c++)
        {
            mean[c] /= d.Rows;
        }

        for (var r = 0; r < d.Rows; r++)
        {
            for (var c = 0; c < d.Columns; c++)
            {
                var x = d.Features[(r * d.Columns) + c] - mean[c];
                std[c] += x * x;
            }
        }

        for (var c = 0; c < d.Columns; c++)
        {
            // A constant column (digits has several all-zero pixels) would divide by zero: leave its scale alone.
            var s = Math.Sqrt(std[c] / d.Rows);
            std[c] = s > 1e-12 ? s : 1;
        }

        return (mean, std);
    }

    private static void Standardize(TabularData d, double[] mean, double[] std)
    {
        for (var r = 0; r < d.Rows; r++)
        {
            for (var c = 0; c < d.Columns; c++)
            {
                var i = (r * d.Columns) + c;
                d.Features[i] = (float)((d.Features[i] - mean[c]) / std[c]);
            }
        }
    }
}
