using System.Collections.Concurrent;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;
using LrCluster.Grains.Trials;
using Spectre.Console;

namespace LrCluster.Client.Commands;

/// <summary>
/// Live progress: a bar per trial on an interactive terminal; elsewhere (CI, pipes) one line per
/// finished trial so logs stay readable.
/// </summary>
internal static class ProgressView
{
    public static async Task<SweepState> RunAsync(IAnsiConsole console, Func<Action<TrialProgress>, Task<SweepState>> run)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            return await run(p =>
            {
                if (p.Status is not TrialStatus.Running)
                {
                    console.WriteLine($"{p.TrialId}: {p.Status.ToString().ToLowerInvariant()} after {p.Step} step(s), lr {p.Lr:G4}, smoothed loss {p.Smoothed:G4}");
                }
            });
        }

        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new ConcurrentDictionary<string, ProgressTask>();
                return await run(p =>
                {
                    var task = tasks.GetOrAdd(p.TrialId, id => context.AddTask(id, maxValue: Math.Max(1, p.TotalSteps)));
                    task.Value = Math.Min(p.Step, task.MaxValue);
                    task.Description = $"{p.TrialId} [grey]lr {p.Lr:G3} loss {p.Smoothed:G4}[/]";
                    if (p.Status is not TrialStatus.Running)
                    {
                        task.Description = $"{p.TrialId} [grey]{p.Status.ToString().ToLowerInvariant()}[/]";
                        task.StopTask();
                    }
                });
            });
    }
}
