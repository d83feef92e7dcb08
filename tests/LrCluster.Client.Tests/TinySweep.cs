namespace LrCluster.Client.Tests;

/// <summary>
/// The smallest real sweep: digits, one hidden layer of 32, a 60-step range test twice, three 2-epoch cyclical configs
/// (one the fixed-LR baseline) evaluated every 5 steps.
/// </summary>
internal static class TinySweep
{
    public const string Spec = """
        name: tiny-digits
        seed: 7
        data: { builtin: digits, validation: 0.2, standardize: true }
        model: { mlp: { hidden: [32], activation: relu } }
        loss: crossEntropy
        optimizer: { name: sgd, momentum: 0.9 }
        batchSize: 64
        rangeTest:
          start: 1.0e-5
          end: 10
          steps: 60
          repeats: 2
        clr:
          epochs: 2
          stepSize: 1 epochs
          evaluateEvery: 5
          configs:
            - { policy: fixed }
            - { policy: triangular }
            - { policy: one_cycle }

        """;

    /// <summary>The same spec with one field misspelt (line 7).</summary>
    public static string WithBadField => Spec.Replace("batchSize: 64", "batchSise: 64", StringComparison.Ordinal);
}
