using LrCluster.Core.RangeTest;
using LrCluster.Core.Spec;
using LrCluster.Training.Runners;
using LrCluster.Training.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LrCluster.Training.Finder;

/// <summary>
/// The LR range test for TorchSharp code, as fastai's <c>lr_find()</c>: trains the model while the
/// learning rate climbs, records the loss, stops when it diverges, and leaves the model exactly as it
/// found it (parameters, gradients, buffers, train/eval modes and the default CPU generator).
/// </summary>
public static class LrFinder
{
    /// <param name="model">The model to test; it is trained in place and restored afterwards.</param>
    /// <param name="optimizerFactory">Builds a new optimizer over the given parameters (any learning rate:
    /// every step sets it); LrFinder disposes it. The grid mode builds one per level.</param>
    /// <param name="loss">The training loss of a prediction and its target, a scalar tensor.</param>
    /// <param name="batches">Training batches, restarted from the beginning whenever they run out.</param>
    /// <param name="options">The ladder, smoothing, divergence rule and optional validation batches.</param>
    /// <param name="cancellation">Stops between two steps; the model is restored all the same.</param>
    public static RangeTestResult Run(
        nn.Module<Tensor, Tensor> model,
        Func<IEnumerable<Parameter>, optim.Optimizer> optimizerFactory,
        Func<Tensor, Tensor, Tensor> loss,
        IEnumerable<(Tensor Input, Tensor Target)> batches,
        RangeTestOptions? options = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizerFactory);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(batches);
        options ??= new RangeTestOptions();
        var spec = options.ToSpec();
        TorchEngine.EnsureLoaded();

        using var snapshot = new ModelSnapshot(model);
        var run = new FinderRun(model, optimizerFactory, loss, new CyclingBatches(batches), options.Validation, spec);
        try
        {
            model.train();
            return spec.Mode == "grid" ? run.Grid(cancellation) : run.Ladder(cancellation);
        }
        finally
        {
            run.Dispose();
            snapshot.Restore();
        }
    }

    /// <summary>One range test in progress: the optimizer, the smoother, the divergence rule and the curve so far.</summary>
    private sealed class FinderRun(
        nn.Module<Tensor, Tensor> model,
        Func<IEnumerable<Parameter>, optim.Optimizer> optimizerFactory,
        Func<Tensor, Tensor, Tensor> loss,
        CyclingBatches batches,
        IEnumerable<(Tensor Input, Tensor Target)>? validation,
        RangeTestSpec spec) : IDisposable
    {
        private readonly ILossSmoother smoother = RangeTestRunner.CreateSmoother(spec.Smoothing);
        private readonly DivergenceDetector? divergence = spec.Divergence > 0 ? new DivergenceDetector(spec.Divergence) : null;
        private readonly List<double> lrs = [];
        private readonly List<double> losses = [];
        private readonly List<double> raw = [];
        private optim.Optimizer? optimizer;

        public RangeTestResult Ladder(CancellationToken cancellation)
        {
            var ladder = RangeTestRunner.CreateLadder(spec);
            optimizer = optimizerFactory(model.parameters());
            var diverged = false;
            for (var step = 0; step < ladder.StepCount && !diverged; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                var lr = ladder.LrAt(step);
                var value = TrainStep(lr);
                var last = step == ladder.StepCount - 1;
                if (validation is null || (step + 1) % spec.ValidateEvery == 0 || last || !double.IsFinite(value))
                {
                    diverged = Record(lr, validation is not null && double.IsFinite(value) ? Validate() : value);
                }
            }

            return Result(diverged, ladder.StepCount);
        }

        /// <summary>trw's grid: each level trains on S samples with a fresh optimizer, weights carried over, and records the mean loss.</summary>
        public RangeTestResult Grid(CancellationToken cancellation)
        {
            var grid = new GridLadder(spec.Start, spec.End, spec.Multiplier, spec.SamplesPerLr);
            var stepsPerLevel = -1;
            var diverged = false;
            for (var level = 0; level < grid.Levels.Count && !diverged; level++)
            {
                optimizer?.Dispose();
                optimizer = optimizerFactory(model.parameters());
                var sum = 0.0;
                var steps = 0;
                do
                {
                    cancellation.ThrowIfCancellationRequested();
                    sum += TrainStep(grid.Levels[level], rows => stepsPerLevel = stepsPerLevel < 0 ? (spec.SamplesPerLr + (int)rows - 1) / (int)rows : stepsPerLevel);
                    steps++;
                }
                while (steps < stepsPerLevel);

                diverged = Record(grid.Levels[level], sum / steps);
            }

            return Result(diverged, grid.Levels.Count);
        }

        public void Dispose() => optimizer?.Dispose();

        private double TrainStep(double lr, Action<long>? batchRows = null)
        {
            var (input, target) = batches.Next();
            batchRows?.Invoke(input.shape[0]);
            foreach (var group in optimizer!.ParamGroups)
            {
                group.LearningRate = lr;
            }

            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var value = loss(model.call(input), target);
            value.backward();
            optimizer.step();
            return value.ToDouble();
        }

        private double Validate()
        {
            using var noGrad = torch.no_grad();
            model.eval();
            try
            {
                double sum = 0;
                long rows = 0;
                foreach (var (input, target) in validation!)
                {
                    using var scope = torch.NewDisposeScope();
                    var n = input.shape[0];
                    sum += loss(model.call(input), target).ToDouble() * n;
                    rows += n;
                }

                return rows == 0 ? throw new ArgumentException("RangeTestOptions.Validation holds no batch; allowed: at least one batch", nameof(validation)) : sum / rows;
            }
            finally
            {
                model.train();
            }
        }

        /// <summary>Adds a point; true when the test must stop after it.</summary>
        private bool Record(double lr, double value)
        {
            var smoothed = smoother.Next(value);
            lrs.Add(lr);
            raw.Add(value);
            losses.Add(smoothed);
            return divergence?.Observe(value, smoothed) == true || !double.IsFinite(value);
        }

        private RangeTestResult Result(bool diverged, int configuredSteps) => new(lrs.ToArray(), losses.ToArray(), raw.ToArray(), diverged, configuredSteps);
    }
}
