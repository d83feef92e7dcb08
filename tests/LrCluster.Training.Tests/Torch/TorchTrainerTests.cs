using LrCluster.Training.Torch;
using TorchSharp;

namespace LrCluster.Training.Tests.Torch;

public sealed class TorchTrainerTests
{
    private static readonly OptimizerSettings SgdMomentum = new(OptimizerKind.Sgd, Momentum: 0.9);

    [Fact]
    public void A_regression_mlp_learns_a_linear_target()
    {
        using var data = SyntheticData.Regression();
        using var model = TorchModel.Mlp(data.Features, [32], 1, Activation.Tanh, "cpu", seed: 1);
        using var trainer = new TorchTrainer(model, SgdMomentum, data.X, data.Y, LossKind.Mse);

        var before = trainer.Evaluate(data.X, data.Y);
        foreach (var batch in SyntheticData.Batches(data.Rows, 32, 300, seed: 2))
        {
            trainer.Step(batch, 0.02);
        }

        var after = trainer.Evaluate(data.X, data.Y);
        Assert.True(after.Loss < before.Loss * 0.05, $"loss {before.Loss} -> {after.Loss}");
        Assert.True(after.Metric < before.Metric, $"MAE {before.Metric} -> {after.Metric}");
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.RmsProp)]
    public void A_classifier_learns_with_every_optimizer(OptimizerKind kind)
    {
        using var data = SyntheticData.Classification();
        using var model = TorchModel.Mlp(data.Features, [32, 32], 3, Activation.Relu, "cpu", seed: 4);
        var settings = new OptimizerSettings(kind, Momentum: kind == OptimizerKind.Sgd ? 0.9 : 0, WeightDecay: 1e-4);
        var lr = kind == OptimizerKind.Sgd ? 0.05 : 0.005;
        using var trainer = new TorchTrainer(model, settings, data.X, data.Y, LossKind.CrossEntropy);

        var losses = SyntheticData.Batches(data.Rows, 32, 300, seed: 6).Select(b => trainer.Step(b, lr)).ToArray();
        var eval = trainer.Evaluate(data.X, data.Y);

        Assert.True(losses[^20..].Average() < losses[..20].Average() * 0.5, $"{losses[..20].Average()} -> {losses[^20..].Average()}");
        Assert.True(eval.Metric > 0.85, $"accuracy {eval.Metric}");
    }

    [Theory]
    [InlineData(LossKind.L1)]
    [InlineData(LossKind.Huber)]
    public void Robust_regression_losses_fall(LossKind loss)
    {
        using var data = SyntheticData.Regression();
        using var model = TorchModel.Mlp(data.Features, [16], 1, Activation.Gelu, "cpu", seed: 8);
        using var trainer = new TorchTrainer(model, new OptimizerSettings(OptimizerKind.Adam), data.X, data.Y, loss);

        var first = trainer.Evaluate(data.X, data.Y).Loss;
        foreach (var batch in SyntheticData.Batches(data.Rows, 32, 200, seed: 9))
        {
            trainer.Step(batch, 0.01);
        }

        Assert.True(trainer.Evaluate(data.X, data.Y).Loss < first * 0.5);
    }

    [Fact]
    public void Bce_with_logits_reports_accuracy_as_its_metric()
    {
        const int rows = 200;
        var random = new Random(12);
        var x = Enumerable.Range(0, rows * 2).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var y = Enumerable.Range(0, rows).Select(i => x[i * 2] + x[(i * 2) + 1] > 0 ? 1f : 0f).ToArray();
        using var xs = torch.tensor(x, [rows, 2]);
        using var ys = torch.tensor(y, [rows, 1]);
        using var model = TorchModel.Mlp(2, [8], 1, Activation.Sigmoid, "cpu", seed: 1);
        using var trainer = new TorchTrainer(model, new OptimizerSettings(OptimizerKind.Adam), xs, ys, LossKind.BceWithLogits);

        foreach (var batch in SyntheticData.Batches(rows, 32, 200, seed: 2))
        {
            trainer.Step(batch, 0.05);
        }

        Assert.True(trainer.Evaluate(xs, ys).Metric > 0.9);
    }

    [Fact]
    public void The_same_seed_gives_a_bit_identical_loss_sequence()
    {
        var first = RunLosses(seed: 21);
        var second = RunLosses(seed: 21);

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_different_seed_gives_a_different_loss_sequence()
    {
        Assert.NotEqual(RunLosses(seed: 21), RunLosses(seed: 22));
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.RmsProp)]
    public void Restoring_a_mid_run_state_continues_bit_identically(OptimizerKind kind)
    {
        using var data = SyntheticData.Classification();
        var settings = new OptimizerSettings(kind, Momentum: 0.9);
        var batches = SyntheticData.Batches(data.Rows, 16, 40, seed: 3);
        var lrs = Enumerable.Range(0, 40).Select(i => 1e-3 * Math.Pow(1.1, i)).ToArray();

        byte[] state;
        double[] uninterrupted;
        using (var model = TorchModel.Mlp(data.Features, [24], 3, Activation.Relu, "cpu", seed: 30))
        using (var trainer = new TorchTrainer(model, settings, data.X, data.Y, LossKind.CrossEntropy))
        {
            for (var s = 0; s < 20; s++)
            {
                trainer.Step(batches[s], lrs[s], momentum: 0.9 - (s * 0.005));
            }

            state = trainer.SaveState();
            uninterrupted = Enumerable.Range(20, 20).Select(s => trainer.Step(batches[s], lrs[s], 0.9 - (s * 0.005))).ToArray();
        }

        // A different seed proves the weights come from the state, not from a lucky re-init.
        using var resumedModel = TorchModel.Mlp(data.Features, [24], 3, Activation.Relu, "cpu", seed: 999);
        using var resumed = new TorchTrainer(resumedModel, settings, data.X, data.Y, LossKind.CrossEntropy);
        resumed.LoadState(state);
        var continued = Enumerable.Range(20, 20).Select(s => resumed.Step(batches[s], lrs[s], 0.9 - (s * 0.005))).ToArray();

        Assert.Equal(uninterrupted, continued);
    }

    [Fact]
    public void Loading_a_state_that_is_not_a_checkpoint_throws_a_torch_exception()
    {
        using var data = SyntheticData.Regression();
        using var model = TorchModel.Mlp(data.Features, [4], 1, Activation.Relu, "cpu", seed: 1);
        using var trainer = new TorchTrainer(model, SgdMomentum, data.X, data.Y, LossKind.Mse);

        Assert.Throws<TorchException>(() => trainer.LoadState(new byte[] { 1, 2, 3, 4 }));
    }

    [Fact]
    public void Resetting_the_optimizer_keeps_the_weights_but_drops_the_momentum()
    {
        using var data = SyntheticData.Regression();
        var batches = SyntheticData.Batches(data.Rows, 32, 20, seed: 4);
        using var model = TorchModel.Mlp(data.Features, [16], 1, Activation.Relu, "cpu", seed: 5);
        using var trainer = new TorchTrainer(model, SgdMomentum, data.X, data.Y, LossKind.Mse);
        for (var s = 0; s < 10; s++)
        {
            trainer.Step(batches[s], 0.01);
        }

        var trained = trainer.Evaluate(data.X, data.Y).Loss;
        var weights = trainer.SaveState();
        trainer.ResetOptimizer();
        var afterReset = trainer.Step(batches[10], 0.01);

        // Same weights, no momentum: must equal a plain SGD step from the restored weights.
        using var plainModel = TorchModel.Mlp(data.Features, [16], 1, Activation.Relu, "cpu", seed: 5);
        using var plain = new TorchTrainer(plainModel, SgdMomentum, data.X, data.Y, LossKind.Mse);
        plain.LoadState(weights);
        plain.ResetOptimizer();
        Assert.Equal(trained, plain.Evaluate(data.X, data.Y).Loss);
        Assert.Equal(afterReset, plain.Step(batches[10], 0.01));
        Assert.Equal(trainer.Step(batches[11], 0.01), plain.Step(batches[11], 0.01));
    }

    [Fact]
    public void A_trainer_keeps_working_after_the_caller_disposes_its_data_tensors()
    {
        var data = SyntheticData.Regression();
        using var model = TorchModel.Mlp(data.Features, [8], 1, Activation.Relu, "cpu", seed: 1);
        using var trainer = new TorchTrainer(model, SgdMomentum, data.X, data.Y, LossKind.Mse);
        data.Dispose();

        var loss = trainer.Step([0, 1, 2, 3], 0.01);

        Assert.True(double.IsFinite(loss));
    }

    [Fact]
    public void Each_step_trains_on_the_rows_it_names()
    {
        using var data = SyntheticData.Regression();
        var batches = SyntheticData.Batches(data.Rows, 8, 2, seed: 3);
        using var model = TorchModel.Mlp(data.Features, [8], 1, Activation.Relu, "cpu", seed: 1);
        using var trainer = new TorchTrainer(model, SgdMomentum, data.X, data.Y, LossKind.Mse);

        // At lr 0 the weights stay, so each loss is the model's loss on exactly those rows.
        var first = trainer.Step(batches[0], 0);
        var second = trainer.Step(batches[1], 0);
        var again = trainer.Step(batches[0], 0);

        Assert.NotEqual(first, second);
        Assert.Equal(first, again);
    }

    [Fact]
    public void A_batch_index_outside_the_data_throws_a_torch_exception()
    {
        using var data = SyntheticData.Regression(rows: 10);
        using var model = TorchModel.Mlp(data.Features, [4], 1, Activation.Relu, "cpu", seed: 1);
        using var trainer = new TorchTrainer(model, SgdMomentum, data.X, data.Y, LossKind.Mse);

        var error = Assert.Throws<TorchException>(() => trainer.Step([0, 10], 0.01));
        Assert.Contains("out of range", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(double.IsFinite(trainer.Step([0, 9], 0.01)), "the trainer still works after a refused batch");
    }

    [Fact]
    public void Nesterov_without_momentum_is_refused_as_pytorch_refuses_it()
    {
        using var data = SyntheticData.Regression();
        using var model = TorchModel.Mlp(data.Features, [4], 1, Activation.Relu, "cpu", seed: 1);

        var error = Assert.Throws<TorchException>(() =>
            new TorchTrainer(model, new OptimizerSettings(OptimizerKind.Sgd, Nesterov: true), data.X, data.Y, LossKind.Mse));
        Assert.Contains("Nesterov", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_cnn_learns_to_tell_bright_tops_from_bright_bottoms()
    {
        const int rows = 128;
        const int side = 8;
        var random = new Random(1);
        var images = new float[rows * side * side];
        var labels = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            labels[i] = i % 2;
            for (var p = 0; p < side * side; p++)
            {
                var top = p < side * side / 2;
                images[(i * side * side) + p] = (float)(random.NextDouble() * 0.5) + ((top == (labels[i] == 1)) ? 0.5f : 0f);
            }
        }

        using var x = torch.tensor(images, [rows, 1, side, side]);
        using var y = torch.tensor(labels);
        using var model = TorchModel.Cnn(side, side, 2, "cpu", seed: 3);
        using var trainer = new TorchTrainer(model, new OptimizerSettings(OptimizerKind.Adam), x, y, LossKind.CrossEntropy);

        foreach (var batch in SyntheticData.Batches(rows, 16, 60, seed: 2))
        {
            trainer.Step(batch, 0.01);
        }

        Assert.True(trainer.Evaluate(x, y).Metric > 0.95);
    }

    private static double[] RunLosses(long seed)
    {
        using var data = SyntheticData.Classification();
        using var model = TorchModel.Mlp(data.Features, [16, 16], 3, Activation.LeakyRelu, "cpu", seed);
        using var trainer = new TorchTrainer(model, SgdMomentum, data.X, data.Y, LossKind.CrossEntropy);
        return SyntheticData.Batches(data.Rows, 16, 30, seed: 1).Select(b => trainer.Step(b, 0.05)).ToArray();
    }
}
