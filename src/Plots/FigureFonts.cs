using ScottPlot;
using SkiaSharp;

namespace LrCluster.Plots;

/// <summary>
/// Every figure is drawn with DejaVu Sans, shipped inside this assembly. ScottPlot's SkiaSharp build asks fontconfig for
/// system fonts and finds none on a bare machine (or a different default on each one), so figures would look different
/// from machine to machine; a resolver that answers every font name with the embedded faces makes them identical.
/// </summary>
public static class FigureFonts
{
    /// <summary>The family name the embedded faces report; the SVG names it, with a generic fallback for viewers without it.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<EmbeddedResolver> Resolver = new(Register);

    /// <summary>Registers the embedded faces with ScottPlot once per process (idempotent, thread-safe).</summary>
    public static void EnsureRegistered() => _ = Resolver.Value;

    internal static SKTypeface Regular => Resolver.Value.Regular;

    internal static SKTypeface Bold => Resolver.Value.BoldFace;

    private static EmbeddedResolver Register()
    {
        var resolver = new EmbeddedResolver(Load("LrCluster.Plots.DejaVuSans.ttf"), Load("LrCluster.Plots.DejaVuSans-Bold.ttf"));
        Fonts.FontResolvers.Insert(0, resolver);
        Fonts.Default = Family;
        Fonts.Sans = Family;
        return resolver;
    }

    private static SKTypeface Load(string resource)
    {
        using var stream = typeof(FigureFonts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the font {resource} is missing from {typeof(FigureFonts).Assembly.GetName().Name}");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"the font {resource} could not be read");
    }

    private sealed class EmbeddedResolver(SKTypeface regular, SKTypeface bold) : IFontResolver
    {
        public SKTypeface Regular { get; } = regular;

        public SKTypeface BoldFace { get; } = bold;

        public SKTypeface CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            weight >= FontWeight.SemiBold ? BoldFace : Regular;

        public SKTypeface CreateTypeface(string fontName, bool bold, bool italic) => bold ? BoldFace : Regular;
    }
}
