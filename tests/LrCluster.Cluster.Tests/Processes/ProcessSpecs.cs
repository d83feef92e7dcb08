namespace LrCluster.Cluster.Tests.Processes;

/// <summary>Real sweeps for silo processes: builtin digits through libtorch, two range-test repeats of 300 steps (about 0.5 s each), no cyclical phase.</summary>
internal static class ProcessSpecs
{
    public const string Digits = """
        name: cluster-digits
        seed: 11
        data: { builtin: digits, validation: 0.2 }
        model: { mlp: { hidden: [16] } }
        loss: crossEntropy
        optimizer: { name: sgd, momentum: 0.9 }
        batchSize: 32
        rangeTest: { start: 1.0e-4, end: 10, steps: 300, repeats: 2, divergence: 0 }
        """;
}
