using System.Text.Json;
using LrCluster.Core.Sweeps;
using LrCluster.Grains;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;

namespace LrCluster.Client.Gateway;

/// <summary>
/// A sweep read through a gateway, in the shape the report writer reads from a store, so <c>lrc report</c>
/// writes the same files as <c>lrc run</c>. Synchronous because the report writer is; it runs in a CLI verb.
/// </summary>
public sealed class GatewaySweepReader(GatewayClient client, CancellationToken cancellation) : ISweepReader
{
    private readonly Dictionary<string, JsonElement> _sweeps = new(StringComparer.Ordinal);

    public SweepRecord? GetSweep(string id)
    {
        var s = Sweep(id);
        return new SweepRecord(
            s.GetProperty("id").GetString()!,
            s.GetProperty("name").GetString()!,
            Text(s, "spec") ?? "",
            Text(s, "specFile") ?? "",
            Enum.Parse<SweepState>(s.GetProperty("state").GetString()!, ignoreCase: true),
            s.GetProperty("createdAt").GetDateTimeOffset(),
            s.GetProperty("updatedAt").GetDateTimeOffset(),
            Raw(s, "decision"),
            Raw(s, "results"),
            Text(s, "error"));
    }

    public IReadOnlyList<TrialRecord> ListTrials(string sweepId) =>
        Sweep(sweepId).GetProperty("trials").EnumerateArray().Select(t => new TrialRecord(
            sweepId,
            t.GetProperty("id").GetString()!,
            Enum.Parse<TrialPhase>(t.GetProperty("phase").GetString()!, ignoreCase: true),
            Raw(t, "definition") ?? "{}",
            Enum.Parse<TrialStatus>(t.GetProperty("status").GetString()!, ignoreCase: true),
            t.GetProperty("step").GetInt64(),
            t.GetProperty("totalSteps").GetInt64(),
            Number(t, "lr"),
            Number(t, "smoothed"),
            Text(t, "error"),
            Text(t, "owner"),
            t.TryGetProperty("epoch", out var e) ? e.GetInt64() : 0)).ToList();

    public IReadOnlyList<LossPoint> ReadPoints(string sweepId, string trialId) =>
        Get<List<LossPoint>>($"api/sweeps/{Uri.EscapeDataString(sweepId)}/trials/{Uri.EscapeDataString(trialId)}/points");

    public IReadOnlyList<EpochPoint> ReadEpochs(string sweepId, string trialId) =>
        Get<List<EpochPoint>>($"api/sweeps/{Uri.EscapeDataString(sweepId)}/trials/{Uri.EscapeDataString(trialId)}/epochs");

    /// <summary>A gateway older than the evaluations endpoint answers 404: its sweeps have the per-epoch ones only.</summary>
    public IReadOnlyList<EvaluationPoint> ReadEvaluations(string sweepId, string trialId)
    {
        try
        {
            return Get<List<EvaluationPoint>>($"api/sweeps/{Uri.EscapeDataString(sweepId)}/trials/{Uri.EscapeDataString(trialId)}/evaluations");
        }
        catch (GatewayException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    private JsonElement Sweep(string id)
    {
        if (!_sweeps.TryGetValue(id, out var sweep))
        {
            sweep = _sweeps[id] = client.GetAsync(id, cancellation).GetAwaiter().GetResult();
        }

        return sweep;
    }

    private T Get<T>(string path) => client.GetPathAsync(path, cancellation).GetAwaiter().GetResult().Deserialize<T>(Json.Options)!;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Raw(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? v.GetRawText() : null;

    private static double Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.String when double.TryParse(v.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
            _ => double.NaN,
        } : double.NaN;
}
