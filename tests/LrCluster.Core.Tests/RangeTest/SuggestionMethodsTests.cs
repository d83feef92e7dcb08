using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Tests.RangeTest;

public sealed class SuggestionMethodsTests
{
    [Fact]
    public void Lists_the_six_method_names()
    {
        Assert.Equal(["minimum", "steep", "valley", "slide", "steepest", "section"], SuggestionMethods.Names);
    }

    [Fact]
    public void Creates_each_named_method_with_that_name()
    {
        foreach (string name in SuggestionMethods.Names)
        {
            Assert.Equal(name, SuggestionMethods.Create(name).Name);
        }
    }

    [Fact]
    public void Passes_num_it_to_the_fastai_methods()
    {
        var valley = Assert.IsType<ValleySuggestion>(SuggestionMethods.Create("Valley", numIt: 100));

        Assert.Equal(100, valley.NumIt);
    }

    [Fact]
    public void Unknown_names_throw_listing_the_allowed_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => SuggestionMethods.Create("lowest"));

        Assert.Equal("name", error.ParamName);
        Assert.Contains("minimum, steep, valley, slide, steepest, section", error.Message);
    }
}
