using TorchSharp;
using static TorchSharp.torch;

namespace LrCluster.Training.Tests.Finder;

/// <summary>A seeded three-class problem cut into batches, and a small model with every kind of state a range test could disturb.</summary>
internal static class FinderData
{
    public static List<(Tensor Input, Tensor Target)> Batches(int count, int size = 32, int seed = 1)
    {
        var generator = new torch.Generator((ulong)seed);
        var batches = new List<(Tensor, Tensor)>();
        for (var i = 0; i < count; i++)
        {
            var x = torch.randn([size, 6], generator: generator);
            var y = (x[.., 0] > 0).to(ScalarType.Int64) + (x[.., 1] > 0.5).to(ScalarType.Int64);
            batches.Add((x, y));
        }

        return batches;
    }

    /// <summary>Linear, batch norm (buffers), ReLU, dropout (draws random numbers), linear.</summary>
    public static nn.Module<Tensor, Tensor> Model(long seed = 0)
    {
        torch.manual_seed(seed);
        return nn.Sequential(nn.Linear(6, 24), nn.BatchNorm1d(24), nn.ReLU(), nn.Dropout(0.2), nn.Linear(24, 3));
    }

    public static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    public static Tensor CrossEntropy(Tensor prediction, Tensor target) => nn.functional.cross_entropy(prediction, target);
}
