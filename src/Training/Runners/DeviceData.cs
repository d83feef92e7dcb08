using LrCluster.Core.Spec;
using LrCluster.Training.Data;
using LrCluster.Training.Torch;

namespace LrCluster.Training.Runners;

/// <summary>A sweep's split data set, resident on the training device so a step moves no data.</summary>
internal sealed class DeviceData : IDisposable
{
    private DeviceData(TorchTensor trainX, TorchTensor trainY, TorchTensor validationX, TorchTensor validationY, TabularData train)
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

    public TorchTensor TrainX { get; }

    public TorchTensor TrainY { get; }

    public TorchTensor ValidationX { get; }

    public TorchTensor ValidationY { get; }

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
        return new DeviceData(
            Features(split.Train, image, spec.Device), Targets(split.Train, spec.Device),
            Features(split.Validation, image, spec.Device), Targets(split.Validation, spec.Device),
            split.Train);
    }

    public void Dispose()
    {
        TrainX.Dispose();
        TrainY.Dispose();
        ValidationX.Dispose();
        ValidationY.Dispose();
    }

    private static TorchTensor Features(TabularData d, (int Height, int Width)? image, string device) => image is { } i
        ? TorchTensor.FromImages(d.Features, d.Rows, i.Height, i.Width, device)
        : TorchTensor.FromFloats(d.Features, d.Rows, d.Columns, device);

    private static TorchTensor Targets(TabularData d, string device) => d.Labels is { } labels
        ? TorchTensor.FromLongs(labels, device)
        : TorchTensor.FromFloats(d.Targets!, d.Rows, 1, device);
}
