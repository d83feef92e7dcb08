using LrCluster.Training.Torch;
using TorchSharp;

namespace LrCluster.Training.Tests.Torch;

/// <summary>
/// A TorchScript module with dropout draws from libtorch's process-wide generator while it trains; each
/// trial must still see its own stream, whatever other slots draw, and carry it in its checkpoint.
/// </summary>
public sealed class StochasticModuleTests
{
    private static readonly OptimizerSettings Sgd = new(OptimizerKind.Sgd, Momentum: 0.9);

    [Fact]
    public void Dropout_trials_give_the_same_losses_alone_and_beside_other_slots()
    {
        var alone = Losses(seed: 3, steps: 40);

        var together = new double[4][];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => together[i] = Losses(seed: 3 + (i % 2), steps: 40, drawNoise: true));

        Assert.Equal(alone, together[0]);
        Assert.Equal(alone, together[2]);
        Assert.NotEqual(alone, together[1]);
    }

    [Fact]
    public void A_dropout_trial_resumed_from_its_state_continues_bit_identically()
    {
        using var data = SyntheticData.Classification(features: 5);
        var batches = SyntheticData.Batches(data.Rows, 16, 30, seed: 2);

        byte[] state;
        double[] uninterrupted;
        using (var model = Load(seed: 9))
        using (var trainer = new TorchTrainer(model, Sgd, data.X, data.Y, LossKind.CrossEntropy))
        {
            for (var s = 0; s < 15; s++)
            {
                trainer.Step(batches[s], 0.05);
            }

            state = trainer.SaveState();
            uninterrupted = Enumerable.Range(15, 15).Select(s => trainer.Step(batches[s], 0.05)).ToArray();
        }

        using var resumedModel = Load(seed: 1234);
        using var resumed = new TorchTrainer(resumedModel, Sgd, data.X, data.Y, LossKind.CrossEntropy);
        resumed.LoadState(state);
        using (var noise = torch.rand(500))
        {
            // Draws by anyone else between the checkpoint and the resume change nothing.
        }

        Assert.Equal(uninterrupted, Enumerable.Range(15, 15).Select(s => resumed.Step(batches[s], 0.05)).ToArray());
    }

    private static double[] Losses(long seed, int steps, bool drawNoise = false)
    {
        using var data = SyntheticData.Classification(features: 5);
        using var model = Load(seed);
        using var trainer = new TorchTrainer(model, Sgd, data.X, data.Y, LossKind.CrossEntropy);
        return SyntheticData.Batches(data.Rows, 16, steps, seed: 2).Select(batch =>
        {
            if (drawNoise)
            {
                // What another slot's stochastic step does: draw from the default generator, under the engine's gate.
                lock (TorchEngine.GeneratorGate)
                {
                    using var noise = torch.rand(7);
                }
            }

            return trainer.Step(batch, 0.05);
        }).ToArray();
    }

    private static TorchModel Load(long seed) =>
        TorchModel.TorchScript(Path.Combine(PinnedCase.FixtureDirectory(), "dropout_mlp.pt"), "cpu", seed);
}
