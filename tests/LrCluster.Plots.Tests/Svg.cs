using System.Globalization;
using System.Xml.Linq;

namespace LrCluster.Plots.Tests;

/// <summary>Helpers for inspecting rendered charts.</summary>
internal static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static XDocument Parse(string svg) => XDocument.Parse(svg);

    public static IEnumerable<XElement> WithClass(XDocument doc, string name, string cssClass) =>
        doc.Descendants(Ns + name).Where(e => (string?)e.Attribute("class") == cssClass);

    public static IReadOnlyList<string> Texts(XDocument doc) =>
        doc.Descendants(Ns + "text").Select(t => t.Value).ToList();

    /// <summary>The coordinates of a path made only of absolute M/L commands, one list per subpath.</summary>
    public static List<List<(double X, double Y)>> Subpaths(string d)
    {
        var result = new List<List<(double X, double Y)>>();
        var tokens = d.Replace("M", " M ").Replace("L", " L ").Replace("h0", " ")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i] == "M")
            {
                result.Add([]);
                continue;
            }

            if (tokens[i] == "L")
            {
                continue;
            }

            var x = double.Parse(tokens[i], CultureInfo.InvariantCulture);
            var y = double.Parse(tokens[++i], CultureInfo.InvariantCulture);
            result[^1].Add((x, y));
        }

        return result;
    }
}
