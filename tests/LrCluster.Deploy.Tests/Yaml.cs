using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LrCluster.Deploy.Tests;

/// <summary>YAML documents as JSON nodes: plain scalars become numbers, booleans and nulls, quoted ones stay strings.</summary>
public static class Yaml
{
    public static IReadOnlyList<JsonObject> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents
            .Select(d => ToJson(d.RootNode))
            .OfType<JsonObject>()
            .ToList();
    }

    public static JsonObject LoadOne(string text) => Assert.Single(LoadAll(text));

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static bool IsJsonNumber(string value)
    {
        try
        {
            return JsonNode.Parse(value) is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null")
        {
            return null;
        }

        if (value is "true" or "false")
        {
            return JsonValue.Create(value == "true");
        }

        // Parsed as JSON so that the node converts to int, long or double, whichever a test asks for.
        if ((long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
             || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) && IsJsonNumber(value))
        {
            return JsonNode.Parse(value);
        }

        return JsonValue.Create(value);
    }
}
