using LrCluster.Training.Torch;
using TorchSharp;

namespace LrCluster.Training.Tests.Torch;

public sealed class TorchScriptTests
{
    public static TheoryData<string> PinnedCases => new()
    {
        "regression_sgd", "regression_sgd_nesterov", "regression_sgd_dampening",
        "classifier_adam", "classifier_adam_l2", "classifier_adamw", "classifier_rmsprop",
    };

    [Fact]
    public void Loading_a_missing_torchscript_file_throws_with_the_path_in_the_message()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lrc-missing-{Guid.NewGuid():N}.pt");

        var error = Assert.Throws<TorchException>(() => TorchModel.TorchScript(path, "cpu", seed: 0));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_torchscript_throws_a_torch_exception()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lrc-garbage-{Guid.NewGuid():N}.pt");
        File.WriteAllText(path, "not a zip archive");
        try
        {
            var error = Assert.Throws<TorchException>(() => TorchModel.TorchScript(path, "cpu", seed: 0));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_scripted_python_mlp_trains_and_its_loss_falls()
    {
        using var data = SyntheticData.Regression(features: 4);
        using var model = TorchModel.TorchScript(Path.Combine(PinnedCase.FixtureDirectory(), "regression_sgd.pt"), "cpu", seed: 0);
        using var trainer = new TorchTrainer(model, new OptimizerSettings(OptimizerKind.Sgd, Momentum: 0.9), data.X, data.Y, LossKind.Mse);

        Assert.Equal((4 * 8) + 8 + 8 + 1, model.ParameterCount);
        var before = trainer.Evaluate(data.X, data.Y).Loss;
        foreach (var batch in SyntheticData.Batches(data.Rows, 32, 200, seed: 1))
        {
            trainer.Step(batch, 0.02);
        }

        Assert.True(trainer.Evaluate(data.X, data.Y).Loss < before * 0.1);
    }

    /// <summary>
    /// Every optimizer against torch.optim itself (Fixtures/make_fixtures.py): same initial weights, batches,
    /// learning rates and cycled momentum. The reference is PyTorch 1.13 on OpenBLAS, the engine libtorch 2.10
    /// on MKL, so sums round differently; 25 steps stay within 1e-5 relative.
    /// </summary>
    [Theory]
    [MemberData(nameof(PinnedCases))]
    public void Losses_match_the_pinned_pytorch_run_from_the_same_initial_weights(string name)
    {
        var pinned = PinnedCase.Load(name);
        var rows = pinned.Y.Length;
        var classification = name.StartsWith("classifier", StringComparison.Ordinal);
        using var x = torch.tensor(pinned.X, [rows, pinned.Features]);
        using var y = classification ? torch.tensor(pinned.Y.Select(v => (long)v).ToArray()) : torch.tensor(pinned.Y.Select(v => (float)v).ToArray());
        using var model = TorchModel.TorchScript(Path.Combine(PinnedCase.FixtureDirectory(), pinned.Pt), "cpu", seed: 0);
        using var trainer = new TorchTrainer(model, pinned.Optimizer.Settings(), x, y, classification ? LossKind.CrossEntropy : LossKind.Mse);

        for (var s = 0; s < pinned.Losses.Length; s++)
        {
            var loss = trainer.Step(pinned.Batches[s], pinned.Lrs[s], pinned.Momenta[s]);
            var relative = Math.Abs(loss - pinned.Losses[s]) / Math.Max(Math.Abs(pinned.Losses[s]), 1e-12);
            Assert.True(relative <= 1e-5, $"step {s}: got {loss:R}, pinned {pinned.Losses[s]:R} (rel {relative:E2})");
        }
    }
}
