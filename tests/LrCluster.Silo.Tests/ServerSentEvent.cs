namespace LrCluster.Silo.Tests;

/// <summary>One event read off a text/event-stream: its type and data (data lines joined with newlines).</summary>
internal sealed record ServerSentEvent(string Type, string Data);
