namespace LrCluster.Grains.Contracts;

/// <summary>
/// A trial a slot took from the queue: the epoch its writes carry (a newer claim fences them off), the definition to run,
/// and the slot (silo address and slot index) it runs on.
/// </summary>
[GenerateSerializer, Immutable, Alias("lrc.TrialClaim")]
public sealed record TrialClaim(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string TrialId,
    [property: Id(2)] long Epoch,
    [property: Id(3)] string Phase,
    [property: Id(4)] string DefinitionJson,
    [property: Id(5)] string Silo,
    [property: Id(6)] int Slot)
{
    /// <summary>The trial grain's key.</summary>
    public string GrainKey => TrialKey(SweepId, TrialId);

    public static string TrialKey(string sweepId, string trialId) => $"{sweepId}/{trialId}";
}
