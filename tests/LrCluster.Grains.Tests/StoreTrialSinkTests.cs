using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;
using LrCluster.Grains.Trials;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Tests;

public sealed class StoreTrialSinkTests
{
    [Fact]
    public void A_first_activation_starts_from_nothing_without_asking_the_store_and_a_later_one_resumes()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");
        var calls = new ConcurrentQueue<string>();
        var store = CallRecorder.Wrap(temp.Store, calls);
        var first = temp.Claim(id);

        var sink = new StoreTrialSink(store, first);
        Assert.Null(sink.LoadCheckpoint());
        Assert.Empty(sink.RecordedPoints());
        Assert.Empty(sink.RecordedEpochs());
        Assert.DoesNotContain(calls, c => c.StartsWith("Read", StringComparison.Ordinal));
        sink.Record(new LossPoint(0, 0.1, 2.0, 2.0));
        sink.Checkpoint(new TrialCheckpoint(1, [1, 2, 3]));
        temp.Store.ReleaseLease(first);

        var second = temp.Claim(id);
        var resumed = new StoreTrialSink(store, second);
        Assert.Equal(2, second.Epoch);
        Assert.Equal(1, resumed.LoadCheckpoint()!.NextStep);
        Assert.Equal([new LossPoint(0, 0.1, 2.0, 2.0)], resumed.RecordedPoints());
        Assert.Contains(nameof(ISweepStore.ReadCheckpoint), calls);

        // Resumed at its last step, it records nothing new; its final progress is still the checkpoint's step.
        resumed.Finish(TrialStatus.Completed, null);
        var trial = Assert.Single(temp.Store.ListTrials(id));
        Assert.Equal((TrialStatus.Completed, 1L), (trial.Status, trial.Step));
    }

    /// <summary>Passes every call through to the store and records its name. (DispatchProxy derives from it, so it cannot be sealed.)</summary>
    public class CallRecorder : DispatchProxy
    {
        private ISweepStore? _inner;
        private ConcurrentQueue<string>? _calls;

        public static ISweepStore Wrap(ISweepStore inner, ConcurrentQueue<string> calls)
        {
            var proxy = Create<ISweepStore, CallRecorder>();
            var recorder = (CallRecorder)(object)proxy;
            recorder._inner = inner;
            recorder._calls = calls;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            _calls!.Enqueue(targetMethod!.Name);
            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
        }
    }
}
