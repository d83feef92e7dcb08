using LrCluster.Core.Sweeps;

namespace LrCluster.Grains.Store;

/// <summary>A claimed trial: the fenced reference and the definition to run.</summary>
public sealed record TrialLease(TrialRef Ref, TrialPhase Phase, string DefinitionJson);
