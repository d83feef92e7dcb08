using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LrCluster.Training.Torch;

/// <summary>Linear layers of the given widths with one activation between them and none after the last.</summary>
internal sealed class MlpNet : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;
    private readonly Activation activation;

    public MlpNet(int inFeatures, IReadOnlyList<int> hidden, int outFeatures, Activation activation)
        : base(nameof(MlpNet))
    {
        var widths = hidden.Prepend(inFeatures).Append(outFeatures).ToArray();
        layers = nn.ModuleList(widths.Zip(widths.Skip(1), (a, b) => nn.Linear(a, b)).ToArray());
        this.activation = activation;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = input;
        for (var i = 0; i < layers.Count - 1; i++)
        {
            x = Activate(layers[i].call(x));
        }

        return layers[layers.Count - 1].call(x);
    }

    private Tensor Activate(Tensor x) => activation switch
    {
        Activation.Tanh => x.tanh(),
        Activation.Gelu => nn.functional.gelu(x),
        Activation.LeakyRelu => nn.functional.leaky_relu(x, 0.01),
        Activation.Sigmoid => x.sigmoid(),
        _ => nn.functional.relu(x),
    };
}
