using LrCluster.Training.Finder;
using TorchSharp;
using static TorchSharp.torch;

namespace LrCluster.Training.Tests.Finder;

public sealed class LrFinderTests
{
    [Fact]
    public void A_range_test_on_a_classifier_falls_then_stops_on_divergence_and_suggests_a_plausible_lr()
    {
        using var model = FinderData.Model();
        var batches = FinderData.Batches(10);

        var result = LrFinder.Run(model, ps => optim.SGD(ps, 1e-7, momentum: 0.9), FinderData.CrossEntropy, batches,
            new RangeTestOptions { Start = 1e-5, End = 100, Steps = 100 });

        Assert.True(result.Diverged);
        Assert.InRange(result.Lrs.Count, 10, 99);
        Assert.Equal(result.Lrs.Count, result.Losses.Count);
        Assert.Equal(result.Lrs.Count, result.RawLosses.Count);
        Assert.True(result.Lrs.Zip(result.Lrs.Skip(1)).All(p => p.First < p.Second), "the ladder climbs");
        Assert.True(result.Losses.Min() < 0.9 * result.Losses[0], $"the smoothed loss fell only from {result.Losses[0]} to {result.Losses.Min()}");
        var valley = result.Suggest("valley");
        Assert.NotNull(valley);
        Assert.InRange(valley.Value, 1e-4, 10);
    }

    [Fact]
    public void The_model_comes_back_exactly_as_it_was()
    {
        using var model = FinderData.Model(seed: 3);
        var batches = FinderData.Batches(4);
        // Some state a user may have: gradients from an earlier backward, batch-norm statistics, one submodule in eval mode.
        FinderData.CrossEntropy(model.call(batches[0].Input), batches[0].Target).backward();
        model.modules().OfType<TorchSharp.Modules.Dropout>().Single().eval();
        var parameters = model.parameters().Select(p => p.detach().clone()).ToArray();
        var gradients = model.parameters().Select(p => p.grad!.clone()).ToArray();
        var buffers = model.named_buffers().Select(b => b.buffer.clone()).ToArray();
        var modes = model.modules().Select(m => m.training).Prepend(model.training).ToArray();
        var generator = torch.random.get_rng_state();
        var expectedDraw = torch.rand(5);
        torch.random.set_rng_state(generator);

        LrFinder.Run(model, ps => optim.Adam(ps, 1e-3), FinderData.CrossEntropy, batches, new RangeTestOptions { Start = 1e-4, End = 1, Steps = 30 });

        Assert.All(model.parameters().Zip(parameters), p => Assert.True(FinderData.Same(p.First, p.Second), "a parameter changed"));
        Assert.All(model.parameters().Zip(gradients), p => Assert.True(FinderData.Same(p.First.grad!, p.Second), "a gradient changed"));
        Assert.All(model.named_buffers().Zip(buffers), b => Assert.True(FinderData.Same(b.First.buffer, b.Second), $"buffer {b.First.name} changed"));
        Assert.Equal(modes, model.modules().Select(m => m.training).Prepend(model.training).ToArray());
        Assert.True(FinderData.Same(torch.rand(5), expectedDraw), "the default generator moved");
    }

    [Fact]
    public void Batches_start_again_when_they_run_out()
    {
        using var model = FinderData.Model();
        var batches = new CountingBatches(FinderData.Batches(3));

        var result = LrFinder.Run(model, ps => optim.SGD(ps, 1e-7), FinderData.CrossEntropy, batches,
            new RangeTestOptions { Start = 1e-6, End = 1e-3, Steps = 20, Divergence = 0 });

        Assert.Equal(20, result.Lrs.Count);
        Assert.Equal(20, batches.Taken);
        Assert.False(result.Diverged);
        Assert.Equal(1e-3, result.Lrs[^1], 12);
    }

    [Fact]
    public void The_grid_mode_trains_every_level_on_its_samples_with_a_fresh_optimizer()
    {
        using var model = FinderData.Model();
        var batches = new CountingBatches(FinderData.Batches(5, size: 16));
        var optimizers = 0;

        var result = LrFinder.Run(model, ps => { optimizers++; return optim.SGD(ps, 1e-7, momentum: 0.9); }, FinderData.CrossEntropy, batches,
            new RangeTestOptions { Mode = "grid", Start = 1e-4, End = 1e-1, Multiplier = 2, SamplesPerLr = 40, Divergence = 0 });

        var levels = new LrCluster.Core.RangeTest.GridLadder(1e-4, 1e-1, 2, 40).Levels;
        Assert.Equal(levels, result.Lrs);
        Assert.Equal(levels.Count, optimizers);
        Assert.Equal(levels.Count * 3, batches.Taken); // ceil(40 / 16) steps per level
    }

    [Fact]
    public void Validation_mode_records_the_held_out_loss_every_k_steps()
    {
        using var model = FinderData.Model();
        var validation = FinderData.Batches(2, seed: 9);

        var result = LrFinder.Run(model, ps => optim.SGD(ps, 1e-7), FinderData.CrossEntropy, FinderData.Batches(4),
            new RangeTestOptions { Start = 1e-5, End = 1e-2, Steps = 20, Divergence = 0, Validation = validation, ValidateEvery = 5 });

        var ladder = new LrCluster.Core.RangeTest.ExpLadder(1e-5, 1e-2, 20);
        Assert.Equal([ladder.LrAt(4), ladder.LrAt(9), ladder.LrAt(14), ladder.LrAt(19)], result.Lrs);
        Assert.All(result.RawLosses, l => Assert.InRange(l, 0.01, 5));
    }

    [Fact]
    public void Every_method_answers_by_name_and_an_unknown_one_lists_the_allowed_names()
    {
        using var model = FinderData.Model();
        var result = LrFinder.Run(model, ps => optim.SGD(ps, 1e-7, momentum: 0.9), FinderData.CrossEntropy, FinderData.Batches(8),
            new RangeTestOptions { Start = 1e-5, End = 10, Steps = 60 });

        Assert.Equal(RangeTestResult.Methods, result.Suggestions().Keys);
        var error = Assert.Throws<ArgumentException>(() => result.Suggest("median"));
        Assert.Contains("valley", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Start", "RangeTestOptions.Start is 0")]
    [InlineData("End", "RangeTestOptions.End is 1E-08")]
    [InlineData("Steps", "RangeTestOptions.Steps is 1")]
    [InlineData("Mode", "RangeTestOptions.Mode is cosine; allowed: exp, linear, expFastai, multiplier, grid")]
    [InlineData("Divergence", "RangeTestOptions.Divergence is 0.5; allowed: 0 (off) or a factor > 1")]
    public void Bad_options_are_refused_naming_the_option_and_what_is_allowed(string option, string message)
    {
        var options = option switch
        {
            "Start" => new RangeTestOptions { Start = 0 },
            "End" => new RangeTestOptions { End = 1e-8 },
            "Steps" => new RangeTestOptions { Steps = 1 },
            "Mode" => new RangeTestOptions { Mode = "cosine" },
            _ => new RangeTestOptions { Divergence = 0.5 },
        };
        using var model = FinderData.Model();
        var before = model.parameters().Select(p => p.detach().clone()).ToArray();

        var error = Assert.Throws<ArgumentException>(() => LrFinder.Run(model, ps => optim.SGD(ps, 1e-7), FinderData.CrossEntropy, FinderData.Batches(1), options));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.All(model.parameters().Zip(before), p => Assert.True(FinderData.Same(p.First, p.Second)));
    }

    [Fact]
    public void Empty_batches_are_refused_and_the_model_is_left_as_it_was()
    {
        using var model = FinderData.Model();
        var before = model.parameters().Select(p => p.detach().clone()).ToArray();

        var error = Assert.Throws<ArgumentException>(() => LrFinder.Run(model, ps => optim.SGD(ps, 1e-7), FinderData.CrossEntropy, []));

        Assert.Contains("batches are empty", error.Message, StringComparison.Ordinal);
        Assert.All(model.parameters().Zip(before), p => Assert.True(FinderData.Same(p.First, p.Second)));
    }

    [Fact]
    public void A_cancelled_range_test_stops_and_still_restores_the_model()
    {
        using var model = FinderData.Model();
        var before = model.parameters().Select(p => p.detach().clone()).ToArray();
        using var cancellation = new CancellationTokenSource();
        var batches = new CountingBatches(FinderData.Batches(2), afterTaking: 5, cancellation.Cancel);

        Assert.Throws<OperationCanceledException>(() => LrFinder.Run(model, ps => optim.SGD(ps, 1e-7), FinderData.CrossEntropy, batches,
            new RangeTestOptions { Start = 1e-4, End = 1, Steps = 50 }, cancellation.Token));

        Assert.Equal(5, batches.Taken);
        Assert.All(model.parameters().Zip(before), p => Assert.True(FinderData.Same(p.First, p.Second)));
    }
}
