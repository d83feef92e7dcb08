using System.Collections;
using static TorchSharp.torch;

namespace LrCluster.Training.Tests.Finder;

/// <summary>The given batches, counting how many were taken; optionally runs an action after the n-th.</summary>
internal sealed class CountingBatches(IReadOnlyList<(Tensor Input, Tensor Target)> batches, int afterTaking = -1, Action? then = null)
    : IEnumerable<(Tensor Input, Tensor Target)>
{
    public int Taken { get; private set; }

    public IEnumerator<(Tensor Input, Tensor Target)> GetEnumerator()
    {
        foreach (var batch in batches)
        {
            Taken++;
            if (Taken == afterTaking)
            {
                then?.Invoke();
            }

            yield return batch;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
