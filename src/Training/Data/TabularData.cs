namespace LrCluster.Training.Data;

/// <summary>
/// A data set in memory, row-major. Classification targets are class indices in <see cref="Labels"/>;
/// regression targets are in <see cref="Targets"/> (one column).
/// </summary>
public sealed record TabularData(
    string Name,
    float[] Features,
    int Rows,
    int Columns,
    float[]? Targets,
    long[]? Labels,
    int Classes,
    (int Height, int Width)? Image)
{
    public bool IsClassification => Labels is not null;

    public TabularData Take(IReadOnlyList<int> rows)
    {
        var features = new float[rows.Count * Columns];
        for (var i = 0; i < rows.Count; i++)
        {
            Array.Copy(Features, (long)rows[i] * Columns, features, (long)i * Columns, Columns);
        }

        return this with
        {
            Features = features,
            Rows = rows.Count,
            Targets = Targets is null ? null : rows.Select(r => Targets[r]).ToArray(),
            Labels = Labels is null ? null : rows.Select(r => Labels[r]).ToArray(),
        };
    }
}
