using System.Collections.Concurrent;
using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Trials;
using LrCluster.Training.Runners;
using LrCluster.Training.Torch;

namespace LrCluster.Grains.Tests;

/// <summary>A trial runs on its slot's GPU: a silo's trials spread over its GPUs, one at a time on each.</summary>
public sealed class SlotPlacementTests
{
    [Fact]
    public async Task A_silo_with_two_gpus_uses_both_and_never_runs_two_trials_on_one()
    {
        using var temp = new TempStore();
        var trainers = new DeviceRecorder();
        var options = new ClusterOptions { Slots = 2, Devices = ["cuda:0", "cuda:1"], CheckpointEvery = 25 };

        var (id, state) = await EmbeddedRun.RunAsync(temp.Store, Specs.Analytic + "\ndevice: cuda\n", trainers, options);

        Assert.Equal(SweepState.Completed, state);
        Assert.Equal(temp.Store.ListTrials(id).Count, trainers.Created.Count);
        Assert.Equal(["cuda:0", "cuda:1"], trainers.Created.Distinct().Order());
        Assert.Empty(trainers.Clashes);
    }

    [Theory]
    [InlineData("cuda", "cuda:1", "cuda:1")]
    [InlineData("cuda", null, "cuda")]
    [InlineData("cpu", "cuda:1", "cpu")]
    [InlineData("cuda:0", "cuda:1", "cuda:0")]
    public void Only_a_spec_that_asks_for_any_gpu_takes_the_slot_s_one(string asked, string? slot, string runsOn)
    {
        var spec = SpecReader.Read(Specs.Analytic + $"\ndevice: {asked}\n", "analytic.yaml");

        Assert.Equal(runsOn, TrialRun.OnDevice(spec, slot).Device);
    }

    [Fact]
    public void Slots_go_round_the_gpus_and_cpu_silos_have_none()
    {
        var gpus = new ClusterOptions { Slots = 4, Devices = ["cuda:0", "cuda:1"] };

        Assert.Equal(["cuda:0", "cuda:1", "cuda:0", "cuda:1"], Enumerable.Range(0, 4).Select(gpus.DeviceOfSlot));
        Assert.Null(new ClusterOptions { Slots = 2 }.DeviceOfSlot(1));
    }

    /// <summary>Analytic trainers (they ignore the device) that record the device each trial asked for and any two at once on one.</summary>
    private sealed class DeviceRecorder : ITrainerFactory
    {
        private readonly AnalyticTrainerFactory _inner = new();
        private readonly ConcurrentDictionary<string, int> _busy = new();

        public ConcurrentQueue<string> Created { get; } = new();

        public ConcurrentQueue<string> Clashes { get; } = new();

        public int TrainRows(SweepSpec spec) => _inner.TrainRows(spec);

        public ITrialTrainer Create(SweepSpec spec, TrialDefinition trial)
        {
            Created.Enqueue(spec.Device);
            if (_busy.AddOrUpdate(spec.Device, 1, (_, n) => n + 1) > 1)
            {
                Clashes.Enqueue($"{trial.Id} on {spec.Device}");
            }

            return new Released(_inner.Create(spec, trial), () => _busy.AddOrUpdate(spec.Device, 0, (_, n) => n - 1));
        }
    }

    private sealed class Released(ITrialTrainer inner, Action onDispose) : ITrialTrainer
    {
        public int TrainRows => inner.TrainRows;

        public double Step(ReadOnlySpan<long> batch, double lr, double? momentum) => inner.Step(batch, lr, momentum);

        public EvalResult EvaluateValidation() => inner.EvaluateValidation();

        public byte[] SaveState() => inner.SaveState();

        public void LoadState(ReadOnlySpan<byte> state) => inner.LoadState(state);

        public void ResetOptimizer() => inner.ResetOptimizer();

        public void Dispose()
        {
            onDispose();
            inner.Dispose();
        }
    }
}
