using System.Text.Json;

namespace LrCluster.Silo.Gateway;

/// <summary>Decision and results are stored as JSON text; the gateway embeds them as JSON, not as strings inside JSON.</summary>
public static class StoredJson
{
    public static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
