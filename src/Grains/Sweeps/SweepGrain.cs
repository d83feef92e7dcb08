using LrCluster.Core.Spec;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Slots;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;
using Microsoft.Extensions.Logging;

namespace LrCluster.Grains.Sweeps;

/// <summary>
/// The coordinator of one sweep. Each activation claims the sweep in the store (a growing epoch fences off an older
/// activation's writes), then runs <see cref="SweepCoordinator"/> off the Orleans scheduler: it enqueues a phase, waits
/// for its trials, decides, broadcasts the schedule into the cyclical trials, ranks and completes. It resumes from
/// what the store holds, so any message (a submission, a finished trial, a dead silo's recovery) to a fresh activation
/// picks a sweep up where its last coordinator left it.
/// </summary>
public sealed partial class SweepGrain(
    ISweepStore store,
    ITrainerFactory trainers,
    ClusterOptions options,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    SweepWatchers watchers,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain
{
    private static readonly TimeSpan WhileCoordinating = TimeSpan.FromDays(30);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly CompletionNotices _notices = new();
    private CancellationTokenSource? _stop;
    private Task? _run;

    private string SweepId => this.GetPrimaryKeyString();

    public Task<SweepInfo> Submit(SweepSubmission submission)
    {
        var now = DateTimeOffset.UtcNow;
        var record = new SweepRecord(SweepId, submission.Name, submission.SpecYaml, submission.SpecFile, SweepState.Pending, now, now, null, null, null,
            options.ClusterId);
        if (store.GetSweep(SweepId) is null)
        {
            store.CreateSweep(record);
        }

        EnsureCoordinating();
        return Task.FromResult(SweepViews.Of(store.GetSweep(SweepId) ?? record));
    }

    public Task Resume()
    {
        EnsureCoordinating();
        return Task.CompletedTask;
    }

    public async Task<bool> Cancel()
    {
        var cancelled = store.TryCancelSweep(SweepId);
        _notices.Cancelled();
        if (cancelled)
        {
            // Stop its running trials now, through each silo's slots (each trial stops at its next step, marks itself
            // cancelled and frees its slot): trial grains are only addressed on their own silo (TrialDirectory).
            await SlotsGrain.StopSweepEverywhere(GrainFactory, membership, SweepId);
        }

        return cancelled;
    }

    public Task TrialFinished(string trialId)
    {
        _notices.Finished(trialId);
        EnsureCoordinating();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync();
        }

        if (_run is not null)
        {
            await _run.WaitAsync(cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Current);
        }
    }

    private void EnsureCoordinating()
    {
        if (_run is { IsCompleted: false })
        {
            return;
        }

        var lease = store.ClaimSweep(SweepId, new SiloRef(options.Name, silo.SiloAddress.ToParsableString(), options.ClusterId));
        if (lease is null)
        {
            // Final (or unknown): nothing to coordinate.
            watchers.Ended(SweepId);
            DeactivateOnIdle();
            return;
        }

        _stop = new CancellationTokenSource();
        var stop = _stop.Token;
        var grains = GrainFactory;
        var dispatcher = new QueueDispatcher(store, _notices, () => SlotsGrain.WakeAll(grains, membership), options.PollInterval);
        // Off the Orleans scheduler: the store calls are synchronous and a decision reads every curve of the phase.
        _run = Task.Run(() => CoordinateAsync(lease, dispatcher, stop), CancellationToken.None);
        DelayDeactivation(WhileCoordinating);
        _ = AfterRunAsync(_run);
    }

    private async Task CoordinateAsync(SweepLease lease, ITrialDispatcher dispatcher, CancellationToken stop)
    {
        var sweep = store.GetSweep(lease.SweepId)!;
        SweepSpec spec;
        try
        {
            spec = SpecReader.Read(sweep.SpecYaml, sweep.SpecFile, Path.GetDirectoryName(sweep.SpecFile));
        }
        catch (SpecException e)
        {
            store.SetSweepState(lease.SweepId, SweepState.Failed, e.Message, lease);
            return;
        }

        await new SweepCoordinator(store, trainers, dispatcher).RunAsync(lease, spec, stop);
    }

    private async Task AfterRunAsync(Task run)
    {
        try
        {
            await run;
        }
        catch (LeaseLostException)
        {
            // A newer activation coordinates the sweep: this one is done.
            DeactivateOnIdle();
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The store failed under the coordinator (a long outage): pick it up again from the store shortly.
            LogCoordinatorFailed(e, SweepId);
            await Task.Delay(RetryAfter);
            if (_stop is { IsCancellationRequested: false })
            {
                EnsureCoordinating();
                return;
            }
        }

        if (store.GetSweep(SweepId) is { IsFinal: true })
        {
            watchers.Ended(SweepId);
            DeactivateOnIdle();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "the coordinator of sweep {Sweep} failed; resuming it from the store")]
    private partial void LogCoordinatorFailed(Exception e, string sweep);
}
