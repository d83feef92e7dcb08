using LrCluster.Core.Spec;
using LrCluster.Training.Data;

namespace LrCluster.Training.Tests.Data;

public sealed class NpyDataTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static DataSpec Npy(string x, string y) => new(null, null, null, x, y, 0.2, true);

    [Fact]
    public void A_float32_matrix_is_read_with_its_shape()
    {
        var path = _folder.Write("x.npy", NpyFile.Bytes("<f4", "(3, 2)", NpyFile.F4(1, 2, 3, 4, 5, 6.5f)));

        var (values, shape) = NpyReader.Read(path);

        Assert.Equal([3, 2], shape);
        Assert.Equal([1.0, 2, 3, 4, 5, 6.5], values);
    }

    [Fact]
    public void A_float64_image_stack_is_read_with_three_dimensions()
    {
        var path = _folder.Write("img.npy", NpyFile.Bytes("<f8", "(2, 2, 3)", NpyFile.F8(Enumerable.Range(0, 12).Select(i => i * 0.25).ToArray())));

        var (values, shape) = NpyReader.Read(path);

        Assert.Equal([2, 2, 3], shape);
        Assert.Equal(12, values.Length);
        Assert.Equal(2.75, values[11]);
    }

    [Fact]
    public void An_int64_vector_with_a_trailing_comma_shape_is_read()
    {
        var path = _folder.Write("y.npy", NpyFile.Bytes("<i8", "(4,)", NpyFile.I8(0, 1, -2, 5_000_000_000)));

        var (values, shape) = NpyReader.Read(path);

        Assert.Equal([4], shape);
        Assert.Equal([0.0, 1, -2, 5_000_000_000], values);
    }

    [Fact]
    public void An_int32_vector_is_read()
    {
        var path = _folder.Write("i4.npy", NpyFile.Bytes("<i4", "(3,)", NpyFile.I4(7, -1, 0)));

        var (values, _) = NpyReader.Read(path);

        Assert.Equal([7.0, -1, 0], values);
    }

    [Fact]
    public void A_version_two_header_with_a_four_byte_length_is_read()
    {
        var path = _folder.Write("v2.npy", NpyFile.Bytes("<f8", "(2,)", NpyFile.F8(1.5, -3), major: 2));

        var (values, shape) = NpyReader.Read(path);

        Assert.Equal([2], shape);
        Assert.Equal([1.5, -3], values);
    }

    [Fact]
    public void A_fortran_ordered_array_is_refused_with_the_fix()
    {
        var path = _folder.Write("f.npy", NpyFile.Bytes("<f4", "(2, 2)", NpyFile.F4(1, 2, 3, 4), fortran: true));

        var error = Assert.Throws<DataException>(() => NpyReader.Read(path));

        Assert.Equal($"{path}: Fortran-ordered arrays are not supported; save with np.ascontiguousarray", error.Message);
    }

    [Fact]
    public void A_file_without_the_npy_magic_is_refused()
    {
        var bytes = NpyFile.Bytes("<f4", "(1,)", NpyFile.F4(1));
        bytes[0] = (byte)'X';
        var path = _folder.Write("bad.npy", bytes);

        var error = Assert.Throws<DataException>(() => NpyReader.Read(path));

        Assert.Contains("not a .npy file", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_renamed_to_npy_is_refused_as_not_npy()
    {
        var path = _folder.Write("text.npy", "a,b\n1,2\n");

        var error = Assert.Throws<DataException>(() => NpyReader.Read(path));

        Assert.Contains("missing the \\x93NUMPY magic", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<f2")]
    [InlineData(">f4")]
    [InlineData("|b1")]
    [InlineData("<c16")]
    public void An_unsupported_dtype_is_refused_listing_the_supported_ones(string descr)
    {
        var path = _folder.Write("d.npy", NpyFile.Bytes(descr, "(2,)", new byte[64]));

        var error = Assert.Throws<DataException>(() => NpyReader.Read(path));

        Assert.Equal($"{path}: the .npy dtype is not supported; allowed: <f4, <f8, <i4, <i8", error.Message);
    }

    [Fact]
    public void A_file_shorter_than_its_shape_promises_is_refused()
    {
        var path = _folder.Write("short.npy", NpyFile.Bytes("<f4", "(3, 2)", NpyFile.F4(1, 2, 3)));

        var error = Assert.Throws<DataException>(() => NpyReader.Read(path));

        Assert.Equal($"{path}: header promises 6 values but the file is truncated", error.Message);
    }

    [Fact]
    public void A_header_length_past_the_end_of_the_file_is_a_data_error_not_a_crash()
    {
        var bytes = NpyFile.Bytes("<f4", "(1,)", NpyFile.F4(1));
        bytes[8] = 0xFF;
        bytes[9] = 0x7F;
        var path = _folder.Write("cut.npy", bytes);

        var error = Record.Exception(() => NpyReader.Read(path));

        Assert.IsType<DataException>(error);
    }

    [Fact]
    public void Loading_a_feature_matrix_and_int64_labels_gives_a_classification_table()
    {
        var x = _folder.Write("x.npy", NpyFile.Bytes("<f4", "(3, 2)", NpyFile.F4(1, 2, 3, 4, 5, 6)));
        var y = _folder.Write("y.npy", NpyFile.Bytes("<i8", "(3,)", NpyFile.I8(2, 0, 1)));

        var data = DataLoader.Load(Npy(x, y), classification: true);

        Assert.Equal("x", data.Name);
        Assert.Equal(3, data.Rows);
        Assert.Equal(2, data.Columns);
        Assert.Equal([1f, 2, 3, 4, 5, 6], data.Features);
        Assert.Equal([2L, 0, 1], data.Labels!);
        Assert.Equal(3, data.Classes);
        Assert.Null(data.Image);
    }

    [Fact]
    public void Loading_an_image_stack_keeps_the_image_shape_and_flattens_each_image()
    {
        var x = _folder.Write("x.npy", NpyFile.Bytes("<f8", "(2, 2, 3)", NpyFile.F8(Enumerable.Range(0, 12).Select(i => (double)i).ToArray())));
        var y = _folder.Write("y.npy", NpyFile.Bytes("<f4", "(2, 1)", NpyFile.F4(0.5f, -0.5f)));

        var data = DataLoader.Load(Npy(x, y), classification: false);

        Assert.Equal(2, data.Rows);
        Assert.Equal(6, data.Columns);
        Assert.Equal((2, 3), data.Image);
        Assert.Equal([6f, 7, 8, 9, 10, 11], data.Features[6..]);
        Assert.Equal([0.5f, -0.5f], data.Targets!);
    }

    [Fact]
    public void Loading_features_and_targets_with_different_row_counts_is_refused_showing_both_shapes()
    {
        var x = _folder.Write("x.npy", NpyFile.Bytes("<f4", "(3, 2)", NpyFile.F4(1, 2, 3, 4, 5, 6)));
        var y = _folder.Write("y.npy", NpyFile.Bytes("<i8", "(4,)", NpyFile.I8(0, 1, 0, 1)));

        var error = Assert.Throws<DataException>(() => DataLoader.Load(Npy(x, y), classification: true));

        Assert.StartsWith($"{x}: shape (3,2) with targets (4); allowed: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_two_column_targets_is_refused()
    {
        var x = _folder.Write("x.npy", NpyFile.Bytes("<f4", "(2, 1)", NpyFile.F4(1, 2)));
        var y = _folder.Write("y.npy", NpyFile.Bytes("<f4", "(2, 2)", NpyFile.F4(0, 1, 1, 0)));

        var error = Assert.Throws<DataException>(() => DataLoader.Load(Npy(x, y), classification: false));

        Assert.Contains("targets (n) or (n, 1)", error.Message, StringComparison.Ordinal);
    }
}
