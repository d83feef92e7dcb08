using static TorchSharp.torch;

namespace LrCluster.Training.Finder;

/// <summary>The user's batches, started again from the beginning whenever they run out (as fastai and torch-lr-finder do).</summary>
internal sealed class CyclingBatches(IEnumerable<(Tensor Input, Tensor Target)> source)
{
    private IEnumerator<(Tensor Input, Tensor Target)>? current;

    public (Tensor Input, Tensor Target) Next()
    {
        current ??= source.GetEnumerator();
        if (current.MoveNext())
        {
            return current.Current;
        }

        current.Dispose();
        current = source.GetEnumerator();
        return current.MoveNext()
            ? current.Current
            : throw new ArgumentException("the batches are empty; allowed: at least one (input, target) batch", "batches");
    }
}
