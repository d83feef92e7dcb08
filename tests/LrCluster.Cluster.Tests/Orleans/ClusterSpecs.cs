using System.Globalization;

namespace LrCluster.Cluster.Tests.Orleans;

/// <summary>Analytic specs for the in-process cluster: range tests long enough (2 ms a step) to be hit mid-trial, then two cyclical configs.</summary>
internal static class ClusterSpecs
{
    /// <summary>
    /// <paramref name="divergence"/> defaults to a factor so large it never stops a trial but keeps the divergence rule on:
    /// with <c>divergence: 0</c> a resumed range test does not replay its smoother (see the skipped BUG test), and the
    /// failover tests are about the cluster, not that bug.
    /// </summary>
    public static string Analytic(int steps = 300, int repeats = 3, double divergence = 1000) => string.Format(CultureInfo.InvariantCulture, """
        name: cluster
        seed: 7
        data: {{ builtin: digits }}
        model: {{ mlp: {{ hidden: [4] }} }}
        loss: mse
        optimizer: {{ name: sgd, momentum: 0.9 }}
        batchSize: 16
        rangeTest: {{ start: 1.0e-4, end: 1, steps: {0}, repeats: {1}, divergence: {2} }}
        clr:
          epochs: 2
          configs:
            - {{ policy: triangular }}
            - {{ policy: one_cycle }}
        """, steps, repeats, divergence);
}
