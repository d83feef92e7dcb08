using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Training.Data;
using LrCluster.Training.Runners;

namespace LrCluster.Silo.Files;

/// <summary>
/// The silo's trainer factory behind the data-root rule: every file a spec names is checked again right before the
/// trainer loads it (the gateway checked it at submission), so a symbolic link swapped in since then is refused. The check
/// and the open are two steps: a link swapped in between them (microseconds) is not caught.
/// </summary>
public sealed class DataRootTrainerFactory(ITrainerFactory inner, DataRoots roots) : ITrainerFactory, IDisposable
{
    public ITrialTrainer Create(SweepSpec spec, TrialDefinition trial)
    {
        Check(spec);
        return inner.Create(spec, trial);
    }

    public int TrainRows(SweepSpec spec)
    {
        Check(spec);
        return inner.TrainRows(spec);
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private void Check(SweepSpec spec)
    {
        foreach (var (field, path) in Files(spec))
        {
            if (roots.Refuse(path, path) is { } refused)
            {
                throw new DataException($"{field}: {refused}");
            }
        }
    }

    private static IEnumerable<(string Field, string Path)> Files(SweepSpec spec)
    {
        if (spec.Data.Csv is { } csv)
        {
            yield return ("data.csv", csv);
        }

        if (spec.Data.NpyFeatures is { } features)
        {
            yield return ("data.npy.features", features);
        }

        if (spec.Data.NpyTargets is { } targets)
        {
            yield return ("data.npy.targets", targets);
        }

        if (spec.Model.TorchScript is { } script)
        {
            yield return ("model.torchScript", script);
        }
    }
}
