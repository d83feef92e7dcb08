using TorchSharp;
using static TorchSharp.torch;

namespace LrCluster.Training.Torch;

/// <summary>
/// PyTorch's update rules (torch.optim, single-tensor form) applied to the whole model at once, on
/// <see cref="FlatParameters"/>. The learning rate, and momentum or Adam's beta1 when a schedule cycles
/// it, are arguments of every step rather than optimizer state.
/// </summary>
internal abstract class FlatOptimizer : IDisposable
{
    protected FlatOptimizer(FlatParameters parameters, OptimizerSettings settings)
    {
        Parameters = parameters;
        Settings = settings;
    }

    protected FlatParameters Parameters { get; }

    protected OptimizerSettings Settings { get; }

    public static FlatOptimizer Create(FlatParameters parameters, OptimizerSettings settings) => settings.Kind switch
    {
        OptimizerKind.Sgd => new FlatSgd(parameters, settings),
        OptimizerKind.Adam => new FlatAdam(parameters, settings, decoupled: false),
        OptimizerKind.AdamW => new FlatAdam(parameters, settings, decoupled: true),
        OptimizerKind.RmsProp => new FlatRmsProp(parameters, settings),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Kind, "unknown optimizer kind"),
    };

    /// <summary>Updates the parameters from the gradients; a scope around the call disposes the temporaries.</summary>
    public abstract void Step(double lr, double? momentum);

    /// <summary>Forgets every running estimate, as a freshly built optimizer.</summary>
    public abstract void Reset();

    public abstract void Save(BinaryWriter writer);

    public abstract void Load(BinaryReader reader);

    public void Dispose()
    {
        Reset();
        DisposeScalars();
    }

    protected abstract void DisposeScalars();

    protected static void SaveOptional(BinaryWriter writer, Tensor? tensor)
    {
        writer.Write(tensor is not null);
        tensor?.Save(writer);
    }

    protected Tensor? LoadOptional(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var tensor = torch.zeros_like(Parameters.Values);
        tensor.Load(reader);
        return tensor;
    }
}
