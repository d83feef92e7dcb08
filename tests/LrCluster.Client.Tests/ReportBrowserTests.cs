using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace LrCluster.Client.Tests;

/// <summary>
/// report.html in a real browser (Debian's Chromium, headless, through Playwright): every chart renders, hover shows a
/// repeat's step, LR and loss, the page requests nothing from the network and logs no script error, and without
/// scripts the static figures show. The screenshots are kept under artifacts/ beside this assembly.
/// </summary>
public sealed class ReportBrowserTests(RunFixture run) : IClassFixture<RunFixture>
{
    private static string Artifacts
    {
        get
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    [Fact]
    public async Task The_report_draws_every_chart_offline_without_script_errors()
    {
        CliAssert.Succeeded(run.First);
        await using var chromium = await HeadlessChromium.StartAsync();
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var (requests, errors) = Watch(page);
        var url = new Uri(Path.Combine(run.FirstOut, "report.html")).AbsoluteUri;

        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
        var charts = await page.Locator("figure.chart").CountAsync();
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('figure.chart .js-plotly-plot .main-svg').length >= {charts}");
        var traces = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('figure.chart .js-plotly-plot')].map(d => d.querySelectorAll('.scatterlayer .trace').length)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "report.png"), FullPage = true });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "report-top.png") });

        // Hover over the middle of the first repeat of the range test: its label shows the step, the LR and the loss.
        var hover = await page.EvaluateAsync<string>("""
            () => {
              const d = document.querySelector('#chart-lr_loss .js-plotly-plot');
              const curve = d.data.findIndex(t => t.legendgroup === 'repeats');
              Plotly.Fx.hover(d, [{ curveNumber: curve, pointNumber: Math.floor(d.data[curve].x.length / 2) }]);
              return d.querySelector('.hoverlayer').textContent;
            }
            """);

        Assert.Equal(5, charts);
        Assert.All(traces, count => Assert.True(count > 0, "a chart drew no trace"));
        Assert.Contains("step ", hover, StringComparison.Ordinal);
        Assert.Contains("learning rate ", hover, StringComparison.Ordinal);
        Assert.Contains("smoothed loss ", hover, StringComparison.Ordinal);
        Assert.Empty(errors);
        Assert.Equal([url], requests.Distinct());
    }

    [Fact]
    public async Task Without_scripts_the_report_shows_its_static_figures()
    {
        await using var chromium = await HeadlessChromium.StartAsync();
        var context = await chromium.Browser.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var (requests, errors) = Watch(page);
        var url = new Uri(Path.Combine(run.FirstOut, "report.html")).AbsoluteUri;

        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
        var figures = await page.Locator("figure.chart svg").CountAsync();
        var firstBox = await page.Locator("figure.chart svg").First.BoundingBoxAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "report-noscript.png"), FullPage = true });

        Assert.Equal(5, figures);
        Assert.NotNull(firstBox);
        Assert.True(firstBox.Width > 500 && firstBox.Height > 300, $"the static figure is {firstBox.Width}x{firstBox.Height}");
        Assert.Empty(errors);
        Assert.Equal([url], requests.Distinct());
    }

    private static (ConcurrentQueue<string> Requests, ConcurrentQueue<string> Errors) Watch(IPage page)
    {
        var requests = new ConcurrentQueue<string>();
        var errors = new ConcurrentQueue<string>();
        page.Request += (_, r) => requests.Enqueue(r.Url);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Enqueue(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Enqueue(e);
        return (requests, errors);
    }
}
