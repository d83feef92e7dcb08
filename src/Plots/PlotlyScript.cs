namespace LrCluster.Plots;

/// <summary>
/// plotly.js as Plotly.NET ships it inside its assembly (the version the charts were written for), for a page to inline
/// once: Plotly.NET's default points every chart at a CDN, and its "full" mode inlines the ~3.5 MB script per chart.
/// </summary>
public static class PlotlyScript
{
    private static readonly Lazy<(string Version, string Source)> Script = new(Load);

    public static string Version => Script.Value.Version;

    /// <summary>The minified script, safe to put between &lt;script&gt; tags (it contains no closing script tag).</summary>
    public static string Source => Script.Value.Source;

    private static (string, string) Load()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("Plotly.NET carries no plotly.js resource; the interactive report cannot be written offline");
        using var stream = assembly.GetManifestResourceStream(name)!;
        var source = new StreamReader(stream).ReadToEnd();
        if (source.Contains("</script", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{name} contains a closing script tag and cannot be inlined");
        }

        return (name["Plotly.NET.plotly-".Length..^".min.js".Length], source);
    }
}
