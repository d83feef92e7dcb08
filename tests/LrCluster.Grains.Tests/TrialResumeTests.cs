using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;
using LrCluster.Grains.Sweeps;
using LrCluster.Grains.Trials;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Tests;

/// <summary>
/// A trial interrupted after its last checkpoint and reactivated under a new lease must record exactly
/// the curve of an uninterrupted run: same steps (no gap, no duplicate) and the same losses, bit for
/// bit, on CPU. The old activation, if it wakes up, can write nothing.
/// </summary>
public sealed class TrialResumeTests
{
    public static TheoryData<string, int, bool, int?> Trials => new()
    {
        { "rt-base-r1", 55, false, null },
        { "clr-triangular2", 100, false, null },
        { "clr-plateau", 100, false, null },
        { "rt-base-r1", 55, true, null },
        { "clr-plateau", 100, true, null },
        // Evaluating every 7 steps, a cyclical trial checkpoints at step 21, inside its first epoch of 44 steps, and resumes there.
        { "clr-triangular2", 30, false, 7 },
        { "clr-plateau", 30, true, 7 },
    };

    [Theory]
    [MemberData(nameof(Trials))]
    public void A_libtorch_trial_resumed_from_its_checkpoint_equals_an_uninterrupted_run(string trialId, int interruptAt, bool checkpointsInDirectory, int? evaluateEvery)
    {
        var yaml = evaluateEvery is { } k ? Specs.Digits.Replace("  epochs: 3", $"  epochs: 3\n  evaluateEvery: {k}", StringComparison.Ordinal) : Specs.Digits;
        var spec = SpecReader.Read(yaml, "resume.yaml");
        using var trainers = new TorchTrainerFactory();
        var trial = Plan(spec, trainers).First(t => t.Id == trialId);
        var options = new ClusterOptions { CheckpointEvery = 20 };
        var directory = Directory.CreateTempSubdirectory("lrc-ckpt-").FullName;
        var resumedOptions = new ClusterOptions { CheckpointEvery = 20, CheckpointDirectory = checkpointsInDirectory ? directory : null };

        using var straight = new TempStore();
        var straightId = straight.CreateSweep(Specs.Digits);
        var outcome = new TrialRun(straight.Store, trainers, options, null).Run(Claim(straight, straightId, spec, trial, DateTimeOffset.UtcNow), spec, CancellationToken.None);

        using var resumed = new TempStore();
        var resumedId = resumed.CreateSweep(Specs.Digits);
        using var interrupt = new CancellationTokenSource();
        var firstLease = Claim(resumed, resumedId, spec, trial, DateTimeOffset.UtcNow);
        var first = new TrialRun(resumed.Store, trainers, resumedOptions, p =>
        {
            if (p.Step >= interruptAt)
            {
                interrupt.Cancel();
            }
        }).Run(firstLease, spec, interrupt.Token);
        var checkpoint = resumed.Store.ReadCheckpoint(resumedId, trial.Id);
        Assert.True(first == TrialOutcome.Interrupted, $"the first activation ended {first}: {resumed.Store.ListTrials(resumedId).Single().Error}");
        // The first silo is gone: its trial goes back to the queue and another claims it.
        resumed.Store.RequeueTrialsOf([TempStore.Silo("silo-a").Address]);
        var secondLease = resumed.Store.ClaimTrials(TempStore.Silo("silo-b"), 1).Single();
        var stored = resumed.Store.ReadCheckpoint(resumedId, trial.Id);
        var second = new TrialRun(resumed.Store, trainers, resumedOptions, null).Run(secondLease, spec, CancellationToken.None);

        Assert.Equal(TrialOutcome.Finished, outcome);
        Assert.Equal(TrialOutcome.Interrupted, first);
        Assert.NotNull(checkpoint);
        Assert.InRange(checkpoint.NextStep, 1, interruptAt);
        Assert.Equal(TrialOutcome.Finished, second);
        Assert.Equal(firstLease.Ref.Epoch + 1, secondLease.Ref.Epoch);
        var expected = straight.Store.ReadPoints(straightId, trial.Id);
        var actual = resumed.Store.ReadPoints(resumedId, trial.Id);
        Assert.Equal(Enumerable.Range(0, expected.Count).Select(i => (long)i), actual.Select(p => p.Step));
        Assert.Equal(expected.Select(p => BitConverter.DoubleToInt64Bits(p.Loss)), actual.Select(p => BitConverter.DoubleToInt64Bits(p.Loss)));
        Assert.Equal(expected.Select(p => p.Lr), actual.Select(p => p.Lr));
        Assert.Equal(expected.Select(p => BitConverter.DoubleToInt64Bits(p.Smoothed)), actual.Select(p => BitConverter.DoubleToInt64Bits(p.Smoothed)));
        Assert.Equal(straight.Store.ReadEpochs(straightId, trial.Id), resumed.Store.ReadEpochs(resumedId, trial.Id));
        Assert.Equal(straight.Store.ReadEvaluations(straightId, trial.Id), resumed.Store.ReadEvaluations(resumedId, trial.Id));
        if (evaluateEvery is not null)
        {
            // The resume started inside an epoch, from the epoch's loss sum the checkpoint kept.
            Assert.Equal(21, checkpoint.NextStep);
            Assert.NotNull(checkpoint.EpochLossSum);
            Assert.Equal(Enumerable.Range(1, 132).Where(s => s % 7 == 0 || s % 44 == 0).Select(s => (long)s), resumed.Store.ReadEvaluations(resumedId, trial.Id).Select(e => e.Step));
        }
        else if (trial.Phase == TrialPhase.Clr)
        {
            Assert.Equal([44L, 88, 132], resumed.Store.ReadEvaluations(resumedId, trial.Id).Select(e => e.Step));
        }
        Assert.Equal(straight.Store.ListTrials(straightId).Single().Status, resumed.Store.ListTrials(resumedId).Single().Status);
        Assert.Throws<LeaseLostException>(() => resumed.Store.WritePoints(firstLease.Ref, [new LossPoint(0, 1, 1, 1)]));
        if (checkpointsInDirectory)
        {
            // The store held only a pointer to the file; the file held the state the resume used.
            Assert.True(stored!.State.Length < 1024, $"the stored checkpoint is {stored.State.Length} bytes: expected a pointer");
            Assert.NotEmpty(Directory.EnumerateFiles(directory, "*.ckpt", SearchOption.AllDirectories));
            var stale = new CheckpointFiles(directory);
            Assert.Throws<LeaseLostException>(() => resumed.Store.WriteCheckpoint(firstLease.Ref, [], stale.Save(firstLease.Ref, new TrialCheckpoint(999, [1, 2, 3]))));
            Assert.NotEqual(999, resumed.Store.ReadCheckpoint(resumedId, trial.Id)!.NextStep);
        }
        else
        {
            Assert.True(stored!.State.Length > 1024);
        }

        Directory.Delete(directory, recursive: true);
    }

    private static TrialLease Claim(TempStore temp, string sweepId, SweepSpec spec, TrialDefinition trial, DateTimeOffset now)
    {
        temp.Store.EnqueueTrial(new TrialRecord(sweepId, trial.Id, trial.Phase, TrialRun.Serialize(trial), TrialStatus.Pending, 0,
            TrialRun.TotalSteps(spec, trial), double.NaN, double.NaN, null));
        return temp.Store.ClaimTrials(TempStore.Silo("silo-a"), 1).Single();
    }

    private static IReadOnlyList<TrialDefinition> Plan(SweepSpec spec, TorchTrainerFactory trainers)
    {
        var section = new LrCluster.Core.RangeTest.LrSection(0.01, 0.1, "test");
        var decision = new SweepDecision("base", "valley", 0.02, "smith", section, []);
        return [.. SweepPlan.RangeTests(spec), .. SweepPlan.Clr(spec, decision, trainers.TrainRows(spec))];
    }
}
