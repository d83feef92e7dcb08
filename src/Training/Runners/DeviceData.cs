using LrCluster.Core.Spec;
using LrCluster.Training.Data;
using LrCluster.Training.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace LrCluster.Training.Runners;

/// <summary>A sweep's split data set, resident on the training device so a step moves no data.</summary>
internal sealed class DeviceData : IDisposable
{
    private DeviceData(Tensor trainX, Tensor trainY, Tensor validationX, Tensor validationY, TabularData train)
    {
        TrainX = trainX;
        TrainY = trainY;
        ValidationX = validationX;
        ValidationY = validationY;
        TrainRows = train.Rows;
        Columns = train.Columns;
        Outputs = train.IsClassification ? train.Classes : 1;
        Image = train.Image;
    }

    public Tensor TrainX { get; }

    public Tensor TrainY { get; }

    public Tensor ValidationX { get; }

    public Tensor ValidationY { get; }

    public int TrainRows { get; }

    public int Columns { get; }

    public int Outputs { get; }

    public (int Height, int Width)? Image { get; }

    public static DeviceData Load(SweepSpec spec)
    {
        var classification = TorchTrainerFactory.IsClassification(spec.Loss);
        var data = DataLoader.Load(spec.Data, classification);
        var split = DataSplit.Create(data, spec.Data.Validation, spec.Data.Standardize, spec.Seed);
        var image = spec.Model.Cnn ? data.Image : null;
        var device = TorchEngine.ResolveDevice(spec.Device);
        return new DeviceData(
            Features(split.Train, image, device), Targets(split.Train, device),
            Features(split.Validation, image, device), Targets(split.Validation, device),
            split.Train);
    }

    public void Dispose()
    {
        TrainX.Dispose();
        TrainY.Dispose();
        ValidationX.Dispose();
        ValidationY.Dispose();
    }

    // torch.tensor pins and aliases the managed array; a copy in native memory lets the array go.
    private static Tensor Features(TabularData d, (int Height, int Width)? image, Device device)
    {
        long[] shape = image is { } i ? [d.Rows, 1, i.Height, i.Width] : [d.Rows, d.Columns];
        using var pinned = torch.tensor(d.Features, shape);
        return pinned.to(device, copy: true);
    }

    private static Tensor Targets(TabularData d, Device device)
    {
        using var pinned = d.Labels is { } labels ? torch.tensor(labels) : torch.tensor(d.Targets!, [d.Rows, 1]);
        return pinned.to(device, copy: true);
    }
}
