using System.Globalization;
using LrCluster.Training.Data;

namespace LrCluster.Client.Commands;

/// <summary>Reads a curve CSV where a diverged loss may be written as nan or inf (as Python writes it).</summary>
internal static class CsvTableLenient
{
    public static (string[] Header, List<double[]> Rows) Read(TextReader reader, string name)
    {
        var header = reader.ReadLine()?.Split(',').Select(h => h.Trim().Trim('"')).ToArray()
            ?? throw new DataException($"{name}: empty file, expected an lr,loss header");
        var rows = new List<double[]>();
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            var cells = text.Split(',');
            if (cells.Length != header.Length)
            {
                throw new DataException($"{name}:{line}: {cells.Length} values, expected {header.Length}");
            }

            rows.Add(cells.Select((c, i) => Parse(c.Trim(), name, line, header[i])).ToArray());
        }

        if (rows.Count == 0)
        {
            throw new DataException($"{name}: no data rows");
        }

        return (header, rows);
    }

    private static double Parse(string cell, string name, int line, string column) => cell.ToLowerInvariant() switch
    {
        "nan" => double.NaN,
        "inf" or "+inf" or "infinity" => double.PositiveInfinity,
        "-inf" or "-infinity" => double.NegativeInfinity,
        _ when double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw new DataException($"{name}:{line}: column '{column}': '{cell}' is not a number"),
    };
}
