using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LrCluster.Training.Torch;

/// <summary>
/// conv3x3(1→8)-relu-maxpool2, conv3x3(8→16)-relu-maxpool2, linear to the classes, for single-channel
/// height×width images given as [N, H*W] rows (tabular loaders need no reshaping) or [N, 1, H, W].
/// </summary>
internal sealed class CnnNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc;
    private readonly long height;
    private readonly long width;

    public CnnNet(int height, int width, int classes)
        : base(nameof(CnnNet))
    {
        this.height = height;
        this.width = width;
        conv1 = nn.Conv2d(1, 8, 3, padding: 1);
        conv2 = nn.Conv2d(8, 16, 3, padding: 1);
        fc = nn.Linear(16L * (height / 4) * (width / 4), classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = input.reshape(-1, 1, height, width);
        x = nn.functional.max_pool2d(nn.functional.relu(conv1.call(x)), 2);
        x = nn.functional.max_pool2d(nn.functional.relu(conv2.call(x)), 2);
        return fc.call(x.flatten(1));
    }
}
