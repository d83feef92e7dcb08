using System.Collections.Concurrent;
using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Training.Data;
using LrCluster.Training.Torch;

namespace LrCluster.Training.Runners;

/// <summary>
/// Builds libtorch trainers. The split data set is loaded once per spec and kept on the device, shared
/// by every trial of the sweep (read-only: trials only gather rows from it); each trial gets a fresh
/// model initialised from its seed and a fresh optimizer.
/// </summary>
public sealed class TorchTrainerFactory : ITrainerFactory, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<DeviceData>> _data = new();

    public int TrainRows(SweepSpec spec) => Data(spec).TrainRows;

    public ITrialTrainer Create(SweepSpec spec, TrialDefinition trial)
    {
        var data = Data(spec);
        var model = CreateModel(spec, data, trial.Seed);
        try
        {
            var trainer = new TorchTrainer(model, Settings(trial.Optimizer), data.TrainX, data.TrainY, Loss(spec.Loss));
            return new TorchTrialTrainer(model, trainer, data.ValidationX, data.ValidationY, data.TrainRows);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _data.Values.Where(l => l.IsValueCreated))
        {
            lazy.Value.Dispose();
        }
    }

    public static bool IsClassification(string loss) => loss == "crossEntropy";

    public static LossKind Loss(string loss) => loss switch
    {
        "mse" => LossKind.Mse,
        "crossEntropy" => LossKind.CrossEntropy,
        "l1" => LossKind.L1,
        "huber" => LossKind.Huber,
        "bceWithLogits" => LossKind.BceWithLogits,
        _ => throw new ArgumentException($"unknown loss '{loss}'", nameof(loss)),
    };

    public static OptimizerSettings Settings(OptimizerSpec o) => new(
        o.Name switch { "adam" => OptimizerKind.Adam, "adamw" => OptimizerKind.AdamW, "rmsprop" => OptimizerKind.RmsProp, _ => OptimizerKind.Sgd },
        o.Momentum, o.Dampening, o.Nesterov, o.WeightDecay, o.Beta1, o.Beta2, o.Eps, o.Alpha);

    private static TorchModel CreateModel(SweepSpec spec, DeviceData data, long seed)
    {
        var device = spec.Device;
        if (spec.Model.Mlp is { } mlp)
        {
            var activation = mlp.Activation switch
            {
                "tanh" => Activation.Tanh,
                "gelu" => Activation.Gelu,
                "leakyRelu" => Activation.LeakyRelu,
                "sigmoid" => Activation.Sigmoid,
                _ => Activation.Relu,
            };
            return TorchModel.Mlp(data.Columns, mlp.Hidden, data.Outputs, activation, device, seed);
        }

        if (spec.Model.Cnn)
        {
            var (h, w) = data.Image ?? throw new DataException("model cnn needs image data: builtin digits, or .npy features shaped (n, h, w)");
            return TorchModel.Cnn(h, w, data.Outputs, device, seed);
        }

        return TorchModel.TorchScript(spec.Model.TorchScript!, device, seed);
    }

    private DeviceData Data(SweepSpec spec)
    {
        TorchEngine.EnsureLoaded();
        var key = $"{spec.Data}|{spec.Loss}|{spec.Seed}|{spec.Device}|{spec.Model.Cnn}";
        return _data.GetOrAdd(key, _ => new Lazy<DeviceData>(() => DeviceData.Load(spec))).Value;
    }
}
