using System.Runtime.InteropServices;

namespace LrCluster.Training.Torch;

/// <summary>Blittable mirror of lrcOptimizerSpec in lrc_torch.h; field order is the ABI.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeOptimizerSpec
{
    public int Kind;
    public int Nesterov;
    public double Lr;
    public double Momentum;
    public double Dampening;
    public double WeightDecay;
    public double Beta1;
    public double Beta2;
    public double Eps;
    public double Alpha;

    public static NativeOptimizerSpec From(OptimizerSettings settings, double lr) => new()
    {
        Kind = (int)settings.Kind,
        Nesterov = settings.Nesterov ? 1 : 0,
        Lr = lr,
        Momentum = settings.Momentum,
        Dampening = settings.Dampening,
        WeightDecay = settings.WeightDecay,
        Beta1 = settings.Beta1,
        Beta2 = settings.Beta2,
        Eps = settings.Eps,
        Alpha = settings.Alpha,
    };
}
