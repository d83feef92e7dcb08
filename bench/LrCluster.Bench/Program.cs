// C# side of the training-loop benchmark (docs/benchmarks.md, bench/run.sh): the same protocol as
// bench/python/bench_loop.py, through LrCluster's TorchTrainer (--impl lrcluster) or a plain
// TorchSharp loop the way its examples write one (--impl naive: nn.Sequential, optim.SGD, a batch
// tensor made each step, zero_grad).
using System.Diagnostics;
using System.Globalization;
using LrCluster.Bench;
using LrCluster.Training.Torch;
using TorchSharp;
using static TorchSharp.torch;

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
var batch = int.Parse(options.GetValueOrDefault("--batch", "64"), CultureInfo.InvariantCulture);
var impl = options.GetValueOrDefault("--impl", "lrcluster");

TorchEngine.SetThreads(threads);
var digits = Digits.Load(dataPath);
using var x = torch.tensor(digits.X, [digits.Rows, Digits.Features]);
using var y = torch.tensor(digits.Y);
var lrs = Enumerable.Range(0, steps).Select(i => 1e-4 * Math.Pow(1.0 / 1e-4, (double)i / (steps - 1))).ToArray();

Func<int, int, (double Rate, double Loss)> trial = impl switch
{
    "lrcluster" => LrClusterTrial,
    "naive" => NaiveTrial,
    _ => throw new ArgumentException($"--impl {impl}: allowed lrcluster, naive"),
};
trial(Math.Min(steps, 200), 0); // warm-up (JIT tiers, allocator), discarded
var results = Enumerable.Range(1, repeats).Select(r => trial(steps, r)).ToArray();
var rates = results.Select(r => r.Rate).Order().ToArray();
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"impl={impl} threads={TorchEngine.Threads} hidden={string.Join('x', hidden)} batch={batch} steps={steps} repeats={repeats} median_steps_per_s={rates[rates.Length / 2]:F1} best_steps_per_s={rates[^1]:F1} final_loss={results[^1].Loss:F4}"));

(double Rate, double Loss) LrClusterTrial(int count, int seed)
{
    using var model = TorchModel.Mlp(Digits.Features, hidden, 10, Activation.Relu, "cpu", seed);
    using var trainer = new TorchTrainer(model, new OptimizerSettings(OptimizerKind.Sgd, Momentum: 0.9), x, y, LossKind.CrossEntropy);
    var batches = new Batches(digits.Rows, batch, seed);
    var loss = double.NaN;
    var clock = Stopwatch.StartNew();
    for (var step = 0; step < count; step++)
    {
        loss = trainer.Step(batches.Next(), lrs[step]);
    }

    return (count / clock.Elapsed.TotalSeconds, loss);
}

(double Rate, double Loss) NaiveTrial(int count, int seed)
{
    torch.manual_seed(seed);
    var layers = new List<nn.Module<Tensor, Tensor>>();
    var width = Digits.Features;
    foreach (var h in hidden)
    {
        layers.Add(nn.Linear(width, h));
        layers.Add(nn.ReLU());
        width = h;
    }

    layers.Add(nn.Linear(width, 10));
    using var model = nn.Sequential(layers);
    using var optimizer = optim.SGD(model.parameters(), lrs[0], momentum: 0.9);
    var batches = new Batches(digits.Rows, batch, seed);
    var loss = double.NaN;
    var clock = Stopwatch.StartNew();
    for (var step = 0; step < count; step++)
    {
        using var scope = torch.NewDisposeScope();
        var index = torch.tensor(batches.Next().ToArray());
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = lrs[step];
        }

        optimizer.zero_grad();
        var output = nn.functional.cross_entropy(model.call(x.index_select(0, index)), y.index_select(0, index));
        output.backward();
        optimizer.step();
        loss = output.ToDouble();
    }

    return (count / clock.Elapsed.TotalSeconds, loss);
}
