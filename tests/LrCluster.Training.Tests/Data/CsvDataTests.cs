using LrCluster.Core.Spec;
using LrCluster.Training.Data;

namespace LrCluster.Training.Tests.Data;

public sealed class CsvDataTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static DataSpec Csv(string path, string target) => new(null, path, target, null, null, 0.2, true);

    [Fact]
    public void A_target_in_the_middle_column_is_taken_out_and_the_other_columns_keep_their_order()
    {
        var path = _folder.Write("houses.csv", "a,y,b\n1,10,2\n3,20,4\n5,30,6\n");

        var data = DataLoader.Load(Csv(path, "y"), classification: false);

        Assert.Equal("houses", data.Name);
        Assert.Equal(3, data.Rows);
        Assert.Equal(2, data.Columns);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], data.Features);
        Assert.Equal([10f, 20f, 30f], data.Targets!);
        Assert.Null(data.Labels);
    }

    [Fact]
    public void A_quoted_header_and_spaces_around_numbers_are_accepted()
    {
        var path = _folder.Write("quoted.csv", "\"x\", \"label\"\r\n 0.5 , 1\r\n-2e-1,0\r\n");

        var data = DataLoader.Load(Csv(path, "label"), classification: true);

        Assert.Equal([0.5f, -0.2f], data.Features);
        Assert.Equal([1L, 0L], data.Labels!);
        Assert.Equal(2, data.Classes);
    }

    [Fact]
    public void A_classification_target_gives_labels_and_a_class_count_one_above_the_largest()
    {
        var path = _folder.Write("classes.csv", "f,c\n0.1,0\n0.2,3\n0.3,1\n");

        var data = DataLoader.Load(Csv(path, "c"), classification: true);

        Assert.True(data.IsClassification);
        Assert.Equal([0L, 3L, 1L], data.Labels!);
        Assert.Equal(4, data.Classes);
        Assert.Null(data.Targets);
    }

    [Fact]
    public void A_non_numeric_cell_names_the_file_line_and_column()
    {
        var path = _folder.Write("bad.csv", "a,y,b\n1,2,3\n4,oops,6\n");

        var error = Assert.Throws<DataException>(() => DataLoader.Load(Csv(path, "y"), classification: false));

        Assert.Equal($"{path}:3: column 2: not a number", error.Message);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_values_names_the_file_line_and_expected_count()
    {
        var path = _folder.Write("short.csv", "a,y,b\n1,2,3\n4,5\n");

        var error = Assert.Throws<DataException>(() => DataLoader.Load(Csv(path, "y"), classification: false));

        Assert.Equal($"{path}:3: 2 values, expected 3", error.Message);
    }

    [Fact]
    public void A_missing_target_column_lists_the_columns_there_are()
    {
        var path = _folder.Write("cols.csv", "a,y,b\n1,2,3\n");

        var error = Assert.Throws<DataException>(() => DataLoader.Load(Csv(path, "price"), classification: false));

        Assert.Equal($"{path}: no column 'price' in the header row (3 columns)", error.Message);
    }

    [Theory]
    [InlineData("1.5", "1.5")]
    [InlineData("-1", "-1")]
    public void A_classification_target_that_is_not_a_class_index_is_refused_naming_the_row(string cell, string shown)
    {
        var path = _folder.Write("labels.csv", $"x,y\n0,1\n0,{cell}\n");

        var error = Assert.Throws<DataException>(() => DataLoader.Load(Csv(path, "y"), classification: true));

        Assert.Equal("labels: row 2: the target is not a class index; a classification loss needs whole numbers 0..K-1", error.Message);
        Assert.DoesNotContain($"target {shown}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_fractional_target_is_fine_for_regression()
    {
        var path = _folder.Write("reg.csv", "x,y\n0,1.5\n1,-1\n");

        var data = DataLoader.Load(Csv(path, "y"), classification: false);

        Assert.Equal([1.5f, -1f], data.Targets!);
    }

    [Fact]
    public void An_empty_csv_file_is_refused_asking_for_a_header()
    {
        var path = _folder.Write("empty.csv", "");

        var error = Assert.Throws<DataException>(() => DataLoader.Load(Csv(path, "y"), classification: false));

        Assert.Equal($"{path}: empty file, expected a header row", error.Message);
    }

    [Fact]
    public void A_csv_with_only_a_header_is_refused_for_having_no_rows()
    {
        var path = _folder.Write("header.csv", "x,y\n\n");

        var error = Assert.Throws<DataException>(() => DataLoader.Load(Csv(path, "y"), classification: false));

        Assert.Equal($"{path}: no data rows", error.Message);
    }

    [Fact]
    public void Blank_lines_are_skipped_but_still_counted_for_error_lines()
    {
        var path = _folder.Write("blank.csv", "x,y\n1,2\n\n3,z\n");

        var error = Assert.Throws<DataException>(() => DataLoader.Load(Csv(path, "y"), classification: false));

        Assert.StartsWith($"{path}:4: column 2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_headerless_table_names_bad_cells_by_column_number()
    {
        using var reader = new StringReader("1,2\n3,x\n");

        var error = Assert.Throws<DataException>(() => CsvTable.Read(reader, "raw", header: false));

        Assert.Equal("raw:2: column 2: not a number", error.Message);
    }
}
