namespace LrCluster.Silo.Tests;

/// <summary>Specs the tests submit: analytic ones (no libtorch) for the in-process silo, a tiny digits one for the real process.</summary>
internal static class Specs
{
    /// <summary>Two candidates x three repeats, then three cyclical configs: every phase, in well under a second.</summary>
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

    /// <summary>A range test far too long to finish during a test: something to cancel while it runs.</summary>
    public const string Long = """
        name: long
        seed: 2
        data: { builtin: digits }
        model: { mlp: { hidden: [4] } }
        loss: mse
        optimizer: { name: sgd }
        batchSize: 16
        rangeTest: { start: 1.0e-4, end: 10, steps: 200000, repeats: 2, divergence: 0 }
        """;

    /// <summary>The smallest real sweep: builtin digits through libtorch, 40 range-test steps, one 1-epoch cyclical config.</summary>
    public const string TinyDigits = """
        name: tiny-digits
        seed: 5
        data: { builtin: digits, validation: 0.2 }
        model: { mlp: { hidden: [16] } }
        loss: crossEntropy
        optimizer: { name: sgd, momentum: 0.9 }
        batchSize: 32
        rangeTest: { start: 1.0e-4, end: 10, steps: 40, repeats: 1 }
        clr:
          epochs: 1
          configs:
            - { policy: triangular }
        """;

    /// <summary>Two mistakes a user makes: a misspelt key (line 7) and a value out of range (line 8).</summary>
    public const string TwoErrors = """
        name: broken
        seed: 1
        data: { builtin: digits }
        model: { mlp: { hidden: [4] } }
        loss: mse
        optimizer: { name: sgd }
        batchSise: 16
        rangeTest: { start: 1.0e-4, end: 10, steps: 0 }
        """;
}
