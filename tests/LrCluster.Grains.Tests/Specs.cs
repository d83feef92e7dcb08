namespace LrCluster.Grains.Tests;

/// <summary>Small specs for grain tests: one trains through libtorch on digits, one is only read for its phases.</summary>
internal static class Specs
{
    public const string Digits = """
        name: resume
        seed: 3
        data: { builtin: digits, validation: 0.2 }
        model: { mlp: { hidden: [32], activation: relu } }
        loss: crossEntropy
        optimizer: { name: sgd, momentum: 0.9 }
        batchSize: 32
        rangeTest: { start: 1.0e-4, end: 10, steps: 90, repeats: 2, divergence: 0 }
        clr:
          epochs: 3
          stepSize: 1 epochs
          configs:
            - { policy: triangular2 }
            - { policy: plateau, patience: 0, factor: 0.5 }
        """;

    public const string Analytic = """
        name: analytic
        seed: 1
        data: { builtin: digits }
        model: { mlp: { hidden: [4] } }
        loss: mse
        optimizer: { name: sgd, momentum: 0.9 }
        batchSize: 16
        rangeTest: { start: 1.0e-4, end: 10, steps: 120, repeats: 3, candidates: [ { name: big, batchSize: 64 } ] }
        clr:
          epochs: 4
          stepSize: 2 epochs
          configs:
            - { policy: triangular }
            - { policy: one_cycle }
            - { policy: fixed }
        """;
}
