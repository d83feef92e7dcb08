using System.Text;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Trials;

/// <summary>
/// Checkpoints of large models kept in a directory (a PVC on Kubernetes) instead of the store: the state
/// bytes go to a file, and the store's checkpoint row holds only a pointer to it, written in the same
/// fenced transaction as before. A file is named after the activation's epoch and step, so a stale
/// activation can write a file but never the pointer to it (its row write is refused), and it only ever
/// deletes its own epoch's older files.
/// </summary>
public sealed class CheckpointFiles(string directory)
{
    private static readonly byte[] Magic = "LRCFILE1:"u8.ToArray();

    /// <summary>Writes the state to its file (atomically: temp file + rename) and returns the checkpoint to store.</summary>
    public TrialCheckpoint Save(TrialRef trial, TrialCheckpoint checkpoint)
    {
        var folder = Folder(trial);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"e{trial.Epoch}-s{checkpoint.NextStep}.ckpt");
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, checkpoint.State);
        File.Move(temp, path, overwrite: true);
        return checkpoint with { State = [.. Magic, .. Encoding.UTF8.GetBytes(path)] };
    }

    /// <summary>Resolves a stored checkpoint: a pointer is read from its file, inline state is returned as it is.</summary>
    public static TrialCheckpoint Resolve(TrialCheckpoint stored)
    {
        if (!stored.State.AsSpan().StartsWith(Magic))
        {
            return stored;
        }

        var path = Encoding.UTF8.GetString(stored.State.AsSpan(Magic.Length));
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"checkpoint file {path} is missing: is the checkpoint directory mounted on every silo?");
        }

        return stored with { State = File.ReadAllBytes(path) };
    }

    /// <summary>Deletes this activation's files older than the one just stored (best effort; never another epoch's).</summary>
    public void Prune(TrialRef trial, long keepStep)
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Folder(trial), $"e{trial.Epoch}-s*.ckpt"))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (long.TryParse(name[(name.IndexOf("-s", StringComparison.Ordinal) + 2)..], out var step) && step < keepStep)
                {
                    File.Delete(file);
                }
            }
        }
        catch (IOException)
        {
            // A leftover file costs disk space, not correctness.
        }
    }

    private string Folder(TrialRef trial) => Path.Combine(directory, Safe(trial.SweepId), Safe(trial.TrialId));

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
