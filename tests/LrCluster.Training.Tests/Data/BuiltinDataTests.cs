using LrCluster.Core.Spec;
using LrCluster.Training.Data;

namespace LrCluster.Training.Tests.Data;

public sealed class BuiltinDataTests
{
    [Fact]
    public void Digits_has_1797_rows_of_64_pixels_as_8_by_8_images()
    {
        var digits = DataLoader.Digits();

        Assert.Equal("digits", digits.Name);
        Assert.Equal(1797, digits.Rows);
        Assert.Equal(64, digits.Columns);
        Assert.Equal(1797 * 64, digits.Features.Length);
        Assert.Equal((8, 8), digits.Image);
    }

    [Fact]
    public void Digits_is_a_ten_class_problem_with_every_label_from_zero_to_nine()
    {
        var digits = DataLoader.Digits();

        Assert.True(digits.IsClassification);
        Assert.Null(digits.Targets);
        Assert.Equal(10, digits.Classes);
        Assert.Equal(1797, digits.Labels!.Length);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), digits.Labels.Distinct().Order());
    }

    [Fact]
    public void Digits_pixels_are_intensities_from_zero_to_sixteen()
    {
        var digits = DataLoader.Digits();

        Assert.All(digits.Features, v => Assert.InRange(v, 0f, 16f));
        Assert.Equal(16f, digits.Features.Max());
    }

    [Fact]
    public void Boston_has_506_rows_of_13_features_and_a_regression_target()
    {
        var boston = DataLoader.Boston();

        Assert.Equal("boston", boston.Name);
        Assert.Equal(506, boston.Rows);
        Assert.Equal(13, boston.Columns);
        Assert.False(boston.IsClassification);
        Assert.Null(boston.Labels);
        Assert.Null(boston.Image);
        Assert.Equal(506, boston.Targets!.Length);
    }

    [Fact]
    public void Boston_targets_are_the_medv_column_and_features_start_with_crim()
    {
        var boston = DataLoader.Boston();

        Assert.Equal(24f, boston.Targets![0]);
        Assert.Equal(21.6f, boston.Targets[1]);
        Assert.Equal(0.00632f, boston.Features[0]);
        Assert.Equal(4.98f, boston.Features[12]);
    }

    [Fact]
    public void Boston_as_a_classification_problem_is_refused_because_prices_are_not_class_indices()
    {
        var error = Assert.Throws<DataException>(() => DataLoader.Boston(classification: true));

        Assert.Contains("boston: row 2: the target is not a class index", error.Message, StringComparison.Ordinal);
        Assert.Contains("whole numbers 0..K-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_dispatches_a_builtin_spec_to_the_named_data_set()
    {
        var spec = new DataSpec("boston", null, null, null, null, 0.2, true);

        var data = DataLoader.Load(spec, classification: false);

        Assert.Equal("boston", data.Name);
        Assert.Equal(506, data.Rows);
    }

    [Fact]
    public void Load_refuses_an_unknown_builtin_name_listing_the_known_ones()
    {
        var spec = new DataSpec("mnist", null, null, null, null, 0.2, true);

        var error = Assert.Throws<DataException>(() => DataLoader.Load(spec, classification: true));

        Assert.Equal("unknown built-in data set 'mnist'; allowed: digits, boston", error.Message);
    }
}
