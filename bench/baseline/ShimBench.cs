// The baseline of the training-loop benchmark: the C++ shim over Debian's libtorch 1.13 that TorchSharp
// replaced (git ed28a91). bench/run.sh builds that commit in a worktree with this file as its Program.cs,
// so the shim is measured beside the new engine in the same run. Same protocol as bench/LrCluster.Bench.
using System.Diagnostics;
using System.Globalization;
using LrCluster.Bench;
using LrCluster.Training.Torch;
using TorchRuntime = LrCluster.Training.Torch.Torch;

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

var dataPath = options.GetValueOrDefault("--data") ?? throw new ArgumentException("--data is required");
var threads = int.Parse(options.GetValueOrDefault("--threads", "1"), CultureInfo.InvariantCulture);
var steps = int.Parse(options.GetValueOrDefault("--steps", "2000"), CultureInfo.InvariantCulture);
var repeats = int.Parse(options.GetValueOrDefault("--repeats", "5"), CultureInfo.InvariantCulture);
var hidden = options.GetValueOrDefault("--hidden", "128,128").Split(',').Select(h => int.Parse(h, CultureInfo.InvariantCulture)).ToArray();
var Batch = int.Parse(options.GetValueOrDefault("--batch", "64"), CultureInfo.InvariantCulture);

TorchRuntime.SetThreads(threads);
var digits = Digits.Load(dataPath);
using var x = TorchTensor.FromFloats(digits.X, digits.Rows, Digits.Features, "cpu");
using var y = TorchTensor.FromLongs(digits.Y, "cpu");
var lrs = Enumerable.Range(0, steps).Select(i => 1e-4 * Math.Pow(1.0 / 1e-4, (double)i / (steps - 1))).ToArray();

Trial(Math.Min(steps, 200), seed: 0); // warm-up (JIT tiers, allocator), discarded
var results = Enumerable.Range(1, repeats).Select(r => Trial(steps, r)).ToArray();
var rates = results.Select(r => r.Rate).Order().ToArray();
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"impl=shim threads={TorchRuntime.Threads} hidden={string.Join('x', hidden)} batch={Batch} steps={steps} repeats={repeats} median_steps_per_s={rates[rates.Length / 2]:F1} best_steps_per_s={rates[^1]:F1} final_loss={results[^1].Loss:F4}"));

(double Rate, double Loss) Trial(int count, int seed)
{
    using var model = TorchModel.Mlp(Digits.Features, hidden, 10, Activation.Relu, "cpu", seed);
    using var trainer = new TorchTrainer(model, new OptimizerSettings(OptimizerKind.Sgd, Momentum: 0.9), lrs[0], x, y, LossKind.CrossEntropy);
    var random = new Random(seed);
    var perm = new long[digits.Rows];
    var pos = digits.Rows;
    var loss = double.NaN;
    var clock = Stopwatch.StartNew();
    for (var step = 0; step < count; step++)
    {
        if (pos + Batch > digits.Rows)
        {
            for (var i = 0; i < perm.Length; i++)
            {
                perm[i] = i;
            }

            random.Shuffle(perm);
            pos = 0;
        }

        loss = trainer.Step(perm.AsSpan(pos, Batch), lrs[step]);
        pos += Batch;
    }

    return (count / clock.Elapsed.TotalSeconds, loss);
}
