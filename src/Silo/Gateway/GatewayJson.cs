using System.Text.Json;
using LrCluster.Grains;

namespace LrCluster.Silo.Gateway;

/// <summary>The gateway writes the project's one JSON shape (<see cref="Json.Options"/>), unindented so every server-sent event is one data line.</summary>
public static class GatewayJson
{
    public static void Apply(JsonSerializerOptions target)
    {
        target.PropertyNamingPolicy = Json.Options.PropertyNamingPolicy;
        target.DictionaryKeyPolicy = Json.Options.DictionaryKeyPolicy;
        target.PropertyNameCaseInsensitive = Json.Options.PropertyNameCaseInsensitive;
        target.NumberHandling = Json.Options.NumberHandling;
        target.DefaultIgnoreCondition = Json.Options.DefaultIgnoreCondition;
        target.WriteIndented = false;
        foreach (var converter in Json.Options.Converters)
        {
            target.Converters.Add(converter);
        }
    }

    /// <summary>The same options, for payloads serialized by hand (server-sent events).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
