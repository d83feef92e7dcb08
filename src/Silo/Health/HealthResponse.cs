using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LrCluster.Silo.Health;

/// <summary>A small JSON body for probes and operators: overall status and each check's status and description (never exception text).</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
