using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace LrCluster.Training.Data;

/// <summary>
/// Reads NumPy .npy files (format 1.0-3.0, little-endian f4/f8/i4/i8, C order) into doubles. Errors never quote the
/// file's header or data.
/// </summary>
public static partial class NpyReader
{
    public static (double[] Values, int[] Shape) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
        {
            throw new DataException($"{path}: not a .npy file (missing the \\x93NUMPY magic)");
        }

        var major = bytes[6];
        var headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        var headerStart = major == 1 ? 10 : 12;
        if (bytes.Length < headerStart || headerStart + headerLength > bytes.Length)
        {
            throw new DataException($"{path}: truncated .npy file (the header claims {headerLength} bytes, the file has {bytes.Length})");
        }

        var header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        var descr = DescrPattern().Match(header).Groups["d"].Value;
        if (FortranPattern().IsMatch(header))
        {
            throw new DataException($"{path}: Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
        }

        var shapeText = ShapePattern().Match(header).Groups["s"].Value;
        if (!TryShape(shapeText, out var shape))
        {
            throw new DataException($"{path}: the .npy header's shape is not readable");
        }

        var count = shape.Aggregate(1L, (a, b) => a * b);
        var data = bytes.AsSpan(headerStart + headerLength);
        var (size, read) = descr switch
        {
            "<f4" => (4, (Func<ReadOnlySpan<byte>, double>)(s => BinaryPrimitives.ReadSingleLittleEndian(s))),
            "<f8" => (8, s => BinaryPrimitives.ReadDoubleLittleEndian(s)),
            "<i4" => (4, s => BinaryPrimitives.ReadInt32LittleEndian(s)),
            "<i8" => (8, s => BinaryPrimitives.ReadInt64LittleEndian(s)),
            _ => throw new DataException($"{path}: the .npy dtype is not supported; allowed: <f4, <f8, <i4, <i8"),
        };
        if (data.Length < count * size)
        {
            throw new DataException($"{path}: header promises {count} values but the file is truncated");
        }

        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = read(data.Slice(i * size, size));
        }

        return (values, shape);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'(?<d>[^']+)'")]
    private static partial Regex DescrPattern();

    private static bool TryShape(string text, out int[] shape)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        shape = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out shape[i]))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"'fortran_order'\s*:\s*True")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\((?<s>[^)]*)\)")]
    private static partial Regex ShapePattern();
}
