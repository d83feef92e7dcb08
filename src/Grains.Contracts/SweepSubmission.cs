namespace LrCluster.Grains.Contracts;

/// <summary>A validated spec to run: the id the caller chose, the spec's name, its YAML and the file name that labels errors.</summary>
[GenerateSerializer, Immutable, Alias("lrc.SweepSubmission")]
public sealed record SweepSubmission([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] string SpecYaml, [property: Id(3)] string SpecFile);
