using System.Text;

namespace LrCluster.Silo.Tests;

/// <summary>A minimal text/event-stream parser (the WHATWG rules the gateway's events use: event, data, blank line).</summary>
internal static class ServerSentEventReader
{
    public static async Task<List<ServerSentEvent>> ReadAllAsync(Stream stream, CancellationToken cancellation)
    {
        var events = new List<ServerSentEvent>();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var type = "message";
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellation) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    events.Add(new ServerSentEvent(type, data.ToString()));
                }

                type = "message";
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(data.Length > 0 ? "\n" : "").Append(line["data:".Length..].TrimStart());
            }
        }

        return events;
    }
}
