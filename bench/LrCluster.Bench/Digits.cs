using System.Globalization;
using System.IO.Compression;

namespace LrCluster.Bench;

/// <summary>digits.csv.gz standardised per column (population std, zero std treated as 1), like the peers.</summary>
internal sealed record Digits(float[] X, long[] Y, int Rows)
{
    public const int Features = 64;

    public static Digits Load(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var values = new List<double>();
        var labels = new List<long>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            for (var c = 0; c < Features; c++)
            {
                values.Add(double.Parse(cells[c], CultureInfo.InvariantCulture));
            }

            labels.Add(long.Parse(cells[Features], CultureInfo.InvariantCulture));
        }

        var rows = labels.Count;
        var x = new float[rows * Features];
        for (var c = 0; c < Features; c++)
        {
            double mean = 0;
            for (var r = 0; r < rows; r++)
            {
                mean += values[(r * Features) + c];
            }

            mean /= rows;
            double variance = 0;
            for (var r = 0; r < rows; r++)
            {
                var d = values[(r * Features) + c] - mean;
                variance += d * d;
            }

            var std = Math.Sqrt(variance / rows);
            std = std == 0 ? 1 : std;
            for (var r = 0; r < rows; r++)
            {
                x[(r * Features) + c] = (float)((values[(r * Features) + c] - mean) / std);
            }
        }

        return new Digits(x, labels.ToArray(), rows);
    }
}
