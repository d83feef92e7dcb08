using System.Text.Json;
using System.Text.Json.Serialization;

namespace LrCluster.Grains;

/// <summary>One JSON shape everywhere (store, API, CLI): camelCase, enums as camelCase strings, NaN allowed as a named literal.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };
}
