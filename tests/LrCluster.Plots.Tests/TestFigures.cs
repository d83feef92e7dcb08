namespace LrCluster.Plots.Tests;

/// <summary>Synthetic figures shaped like the report's: a range test with repeats and close suggestions, a schedule with momentum.</summary>
internal static class TestFigures
{
    public static readonly double[] Lrs = [.. Enumerable.Range(0, 120).Select(i => Math.Pow(10, -6 + (7.0 * i / 119)))];

    /// <summary>Falls from 2.3 to about 0.4 around 1e-2, then climbs steeply (divergence) towards lr 10.</summary>
    public static double Loss(double lr, double shift = 0) =>
        2.3 - (1.9 * Math.Exp(-Math.Pow(Math.Log10(lr) + 2 + shift, 2) / 3)) + (lr > 0.05 ? Math.Pow(lr * 4, 1.5) : 0);

    /// <summary>A range test: three faint repeats with steps, the bold mean, the spread, three suggestions a few pixels apart and a section.</summary>
    public static Figure RangeTest(double markerSpacing = 1.02)
    {
        var repeats = Enumerable.Range(0, 3).Select(r => new FigureLine(
            $"rt-base-r{r}", Lrs, [.. Lrs.Select(lr => Loss(lr, (r - 1) * 0.08))], 0, LineWeight.Faint)
        {
            LegendGroup = "repeats",
            Steps = [.. Enumerable.Range(0, Lrs.Length).Select(i => (long)i)],
        }).ToList();
        var mean = Lrs.Select(lr => Loss(lr)).ToArray();
        var lr0 = 2e-3;
        return new Figure("lr-loss", "tiny: LR range test (base, 3 repeats)", "learning rate", "smoothed loss")
        {
            LogX = true,
            Lines = [.. repeats, new FigureLine("mean", Lrs, mean, 0, LineWeight.Bold)],
            Bands = [new FigureBand("mean ± std", Lrs, [.. mean.Select(m => m - 0.08)], [.. mean.Select(m => m + 0.08)], 0)],
            Markers =
            [
                new FigureMarker($"minimum {lr0:G3}", lr0, Loss(lr0), 1),
                new FigureMarker($"valley {lr0 * markerSpacing:G3}", lr0 * markerSpacing, Loss(lr0 * markerSpacing), 2),
                new FigureMarker($"slide {lr0 * markerSpacing * markerSpacing:G3}", lr0 * markerSpacing * markerSpacing, Loss(lr0 * markerSpacing * markerSpacing), 3),
                new FigureMarker("steepest 1e-4", 1e-4, Loss(1e-4), 4),
            ],
            Spans = [new FigureSpan("smith section 1e-4 – 1e-2", 1e-4, 1e-2)],
            YMax = 3,
        };
    }

    public static Figure Schedule()
    {
        var steps = Enumerable.Range(0, 400).Select(i => (double)i).ToArray();
        var tri = steps.Select(s => 0.001 + (0.009 * (1 - Math.Abs((s % 200 / 100) - 1)))).ToArray();
        var momentum = steps.Select(s => 0.9 - (0.1 * (1 - Math.Abs((s % 200 / 100) - 1)))).ToArray();
        return new Figure("schedule", "tiny: schedules", "step", "learning rate")
        {
            Y2Label = "momentum",
            Lines =
            [
                new FigureLine("clr-triangular", steps, tri, 0),
                new FigureLine("clr-triangular momentum", steps, momentum, 0) { Dashed = true, RightAxis = true },
                new FigureLine("clr-fixed", steps, [.. steps.Select(_ => 0.004)], 1),
            ],
        };
    }
}
