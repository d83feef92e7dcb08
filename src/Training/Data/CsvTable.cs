using System.Globalization;

namespace LrCluster.Training.Data;

/// <summary>
/// Reads numeric CSV: an optional header row, comma separated, invariant-culture numbers. Errors name the file, line and
/// column number but never quote the file (a gateway user may name a file they cannot read: the error must not read it to them).
/// </summary>
public static class CsvTable
{
    public static (string[]? Header, List<double[]> Rows) Read(TextReader reader, string name, bool header, int skipLines = 0)
    {
        for (var i = 0; i < skipLines; i++)
        {
            reader.ReadLine();
        }

        string[]? columns = null;
        if (header)
        {
            columns = reader.ReadLine()?.Split(',').Select(c => c.Trim().Trim('"')).ToArray()
                ?? throw new DataException($"{name}: empty file, expected a header row");
        }

        var rows = new List<double[]>();
        var lineNumber = skipLines + (header ? 1 : 0);
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            var width = columns?.Length ?? rows.FirstOrDefault()?.Length ?? cells.Length;
            if (cells.Length != width)
            {
                throw new DataException($"{name}:{lineNumber}: {cells.Length} values, expected {width}");
            }

            var row = new double[cells.Length];
            for (var c = 0; c < cells.Length; c++)
            {
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out row[c]))
                {
                    throw new DataException($"{name}:{lineNumber}: column {c + 1}: not a number");
                }
            }

            rows.Add(row);
        }

        if (rows.Count == 0)
        {
            throw new DataException($"{name}: no data rows");
        }

        return (columns, rows);
    }
}
