using System.IO.Compression;
using LrCluster.Core.Spec;

namespace LrCluster.Training.Data;

/// <summary>Loads the data a spec names. The built-in sets are embedded in this assembly so <c>lrc</c> needs no data folder.</summary>
public static class DataLoader
{
    public static TabularData Load(DataSpec spec, bool classification)
    {
        if (spec.Builtin is { } builtin)
        {
            return builtin switch
            {
                "digits" => Digits(classification),
                "boston" => Boston(classification),
                _ => throw new DataException($"unknown built-in data set '{builtin}'; allowed: digits, boston"),
            };
        }

        if (spec.Csv is { } csv)
        {
            using var reader = new StreamReader(csv);
            var (header, rows) = CsvTable.Read(reader, csv, header: true);
            var target = Array.IndexOf(header!, spec.Target);
            if (target < 0)
            {
                // The header is the file's content: its size, not its names, goes into the message.
                throw new DataException($"{csv}: no column '{spec.Target}' in the header row ({header!.Length} columns)");
            }

            return FromRows(Path.GetFileNameWithoutExtension(csv), rows, target, classification, null);
        }

        var (x, xShape) = NpyReader.Read(spec.NpyFeatures!);
        var (y, yShape) = NpyReader.Read(spec.NpyTargets!);
        if (xShape.Length is < 1 or > 3 || xShape[0] != y.Length || yShape.Length > 2 || (yShape.Length == 2 && yShape[1] != 1))
        {
            throw new DataException($"{spec.NpyFeatures}: shape ({string.Join(",", xShape)}) with targets ({string.Join(",", yShape)}); allowed: features (n, d) or (n, h, w) and targets (n) or (n, 1)");
        }

        var n = xShape[0];
        var columns = (int)(x.Length / Math.Max(1, n));
        var image = xShape.Length == 3 ? (xShape[1], xShape[2]) : ((int, int)?)null;
        var table = Enumerable.Range(0, n).Select(r =>
        {
            var row = new double[columns + 1];
            Array.Copy(x, (long)r * columns, row, 0, columns);
            row[columns] = y[r];
            return row;
        }).ToList();
        return FromRows(Path.GetFileNameWithoutExtension(spec.NpyFeatures!), table, columns, classification, image);
    }

    public static TabularData Digits(bool classification = true)
    {
        using var stream = new GZipStream(Resource("digits.csv.gz"), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        var (_, rows) = CsvTable.Read(reader, "digits", header: false);
        return FromRows("digits", rows, 64, classification, (8, 8));
    }

    public static TabularData Boston(bool classification = false)
    {
        // The sklearn file starts with a "506,13,..." count line before the header.
        using var reader = new StreamReader(Resource("boston_house_prices.csv"));
        var (header, rows) = CsvTable.Read(reader, "boston", header: true, skipLines: 1);
        return FromRows("boston", rows, Array.IndexOf(header!, "MEDV"), classification, null);
    }

    private static Stream Resource(string name) =>
        typeof(DataLoader).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"embedded data set {name} is missing from the build");

    private static TabularData FromRows(string name, List<double[]> rows, int target, bool classification, (int, int)? image)
    {
        var columns = rows[0].Length - 1;
        var features = new float[rows.Count * columns];
        var targets = new double[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            for (int c = 0, k = 0; c <= columns; c++)
            {
                if (c == target)
                {
                    targets[r] = rows[r][c];
                }
                else
                {
                    features[(r * columns) + k++] = (float)rows[r][c];
                }
            }
        }

        if (!classification)
        {
            return new TabularData(name, features, rows.Count, columns, targets.Select(t => (float)t).ToArray(), null, 0, image);
        }

        var bad = Array.FindIndex(targets, t => t < 0 || t != Math.Floor(t) || t > 100_000);
        if (bad >= 0)
        {
            throw new DataException($"{name}: row {bad + 1}: the target is not a class index; a classification loss needs whole numbers 0..K-1");
        }

        var labels = targets.Select(t => (long)t).ToArray();
        return new TabularData(name, features, rows.Count, columns, null, labels, (int)labels.Max() + 1, image);
    }
}
