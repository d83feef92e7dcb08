namespace LrCluster.Plots.Tests;

/// <summary>Writes the test figures next to the test assembly (artifacts/figures) so a person can look at them.</summary>
public sealed class FigureGalleryTests
{
    [Fact]
    public void The_test_figures_are_written_as_png_and_svg()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", "figures");
        Directory.CreateDirectory(folder);
        foreach (var figure in new[] { TestFigures.RangeTest(), TestFigures.Schedule() })
        {
            var rendered = StaticFigure.Render(figure);
            File.WriteAllBytes(Path.Combine(folder, figure.Id + ".png"), rendered.Png);
            File.WriteAllText(Path.Combine(folder, figure.Id + ".svg"), rendered.Svg);
            Assert.True(new FileInfo(Path.Combine(folder, figure.Id + ".png")).Length > 10_000);
        }
    }
}
