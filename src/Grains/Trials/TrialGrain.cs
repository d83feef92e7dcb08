using LrCluster.Grains.Contracts;
using LrCluster.Grains.Slots;
using Orleans.GrainDirectory;
using Orleans.Placement;

namespace LrCluster.Grains.Trials;

/// <summary>
/// A trial's activation, on the silo whose slot claimed it (the slot's call carries a placement hint for its own silo;
/// a start that lands anywhere else is refused). <see cref="Start"/> hands the training to the slot's thread and
/// returns; the activation stays active while it trains and deactivates when the run ends. A deactivation (the silo
/// stopping) interrupts the run and waits for its thread, which hands the trial back to the queue.
/// </summary>
[PreferLocalPlacement, GrainDirectory(TrialDirectory.Name)]
public sealed class TrialGrain(TrialHost host, SlotThreads slots, RunningTrials running, ILocalSiloDetails silo) : Grain, ITrialGrain
{
    // Long enough for any training run; the activation deactivates itself as soon as the run ends.
    private static readonly TimeSpan WhileTraining = TimeSpan.FromDays(30);

    private CancellationTokenSource? _cancel;
    private Task? _run;

    public Task<bool> Start(TrialClaim claim)
    {
        if (claim.Silo != silo.SiloAddress.ToParsableString() || claim.GrainKey != this.GetPrimaryKeyString() || _run is { IsCompleted: false })
        {
            // Not this silo's slot, or an earlier claim still trains here: the slot hands the claim back.
            if (_run is null or { IsCompleted: true })
            {
                DeactivateOnIdle();
            }

            return Task.FromResult(false);
        }

        _cancel = new CancellationTokenSource();
        if (running.IsStopped(claim.SweepId))
        {
            // Its sweep was cancelled between the claim and this start: the run settles it as cancelled at once.
            _cancel.Cancel();
        }

        var token = _cancel.Token;
        _run = slots.Run(claim.Slot, claim.GrainKey, () => host.Execute(claim, token));
        running.Add(claim.GrainKey, _cancel, _run);
        DelayDeactivation(WhileTraining);
        _ = DeactivateAfterAsync(_run);
        return Task.FromResult(true);
    }

    public Task Stop()
    {
        _cancel?.Cancel();
        return Task.CompletedTask;
    }

    public Task<TrialProgressInfo?> Progress() => Task.FromResult(_run is { IsCompleted: false } ? running.Latest(this.GetPrimaryKeyString()) : null);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _cancel?.Cancel();
        if (_run is not null)
        {
            // Joins the slot's work: the runner stops at its next step, checkpoints and hands the trial back.
            await _run.WaitAsync(cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Current).ConfigureAwait(true);
        }
    }

    private async Task DeactivateAfterAsync(Task run)
    {
        await run.ContinueWith(static _ => { }, TaskScheduler.Current).ConfigureAwait(true);
        DeactivateOnIdle();
    }
}
