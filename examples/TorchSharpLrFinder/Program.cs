// Find a learning rate for a TorchSharp model with LrFinder, then train it with a triangular2 cyclical
// schedule built from the suggestion. Usage: dotnet run [-- path/to/digits.csv.gz]
using System.Globalization;
using System.IO.Compression;
using LrCluster.Core.Schedules;
using LrCluster.Training.Finder;
using LrCluster.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

var path = args.Length > 0 ? args[0] : FindUpwards(Path.Combine("data", "digits.csv.gz"));
var (x, y) = LoadDigits(path);
var rows = (int)x.shape[0];
var order = torch.randperm(rows, generator: new torch.Generator(1));
var trainRows = order[..(rows * 4 / 5)];
var validationRows = order[(rows * 4 / 5)..];
var (trainX, trainY) = (x.index_select(0, trainRows), y.index_select(0, trainRows));
var (validationX, validationY) = (x.index_select(0, validationRows), y.index_select(0, validationRows));

torch.manual_seed(0);
var model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10));
var loss = (Tensor prediction, Tensor target) => nn.functional.cross_entropy(prediction, target);
var weightsBefore = model.parameters().Select(p => p.detach().clone()).ToList();

// 1. The range test: the LR climbs from 1e-6 to 10 over 120 steps; the model is restored afterwards.
var result = LrFinder.Run(model, ps => optim.SGD(ps, 1e-7, momentum: 0.9), loss, Batches(trainX, trainY, 64, seed: 2),
    new RangeTestOptions { Start = 1e-6, End = 10, Steps = 120 });
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"range test: {result.Lrs.Count} points, diverged: {result.Diverged}"));
foreach (var (method, lr) in result.Suggestions())
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {method,-9} {(lr is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "too short")}"));
}

var untouched = model.parameters().Zip(weightsBefore).All(p => p.First.eq(p.Second).all().item<bool>());
Console.WriteLine($"model untouched by the range test: {untouched}");
var maxLr = result.Suggest("valley") ?? throw new InvalidOperationException("the curve is too short for valley");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"suggested lr (valley): {maxLr:G4}"));

// 2. Train with triangular2 between maxLr/4 and maxLr, half a cycle = 2 epochs, momentum cycled 0.9 -> 0.8.
const int BatchSize = 64;
var stepsPerEpoch = (int)trainX.shape[0] / BatchSize;
var optimizer = optim.SGD(model.parameters(), maxLr, momentum: 0.9);
var schedule = new CyclicSchedule(new CyclicOptions(maxLr / 4, maxLr, 2 * stepsPerEpoch, 2 * stepsPerEpoch, CyclicMode.Triangular2,
    1.0, null, null, CycleMomentum: true, BaseMomentum: 0.8, MaxMomentum: 0.9));
var scheduler = new CyclicalLrScheduler(optimizer, schedule);
for (var epoch = 1; epoch <= 8; epoch++)
{
    foreach (var (input, target) in Batches(trainX, trainY, BatchSize, seed: 10 + epoch).Take(stepsPerEpoch))
    {
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        loss(model.call(input), target).backward();
        optimizer.step();
        scheduler.step();
    }

    using (torch.no_grad())
    {
        model.eval();
        var output = model.call(validationX);
        var validationLoss = loss(output, validationY).item<float>();
        var accuracy = output.argmax(1).eq(validationY).to(ScalarType.Float32).mean().item<float>();
        model.train();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}: lr {optimizer.ParamGroups.First().LearningRate:G4}, validation loss {validationLoss:F4}, accuracy {accuracy:F4}"));
    }
}

static IEnumerable<(Tensor, Tensor)> Batches(Tensor x, Tensor y, int size, int seed)
{
    var generator = new torch.Generator((ulong)seed);
    while (true)
    {
        var order = torch.randperm(x.shape[0], generator: generator);
        for (var start = 0L; start + size <= x.shape[0]; start += size)
        {
            var rows = order.narrow(0, start, size);
            yield return (x.index_select(0, rows), y.index_select(0, rows));
        }
    }
}

static (Tensor X, Tensor Y) LoadDigits(string path)
{
    using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
    var rows = new List<float[]>();
    while (reader.ReadLine() is { Length: > 0 } line)
    {
        rows.Add(line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray());
    }

    var x = torch.tensor(rows.SelectMany(r => r[..64]).ToArray(), [rows.Count, 64]);
    var y = torch.tensor(rows.Select(r => (long)r[64]).ToArray());
    return ((x - x.mean([0])) / x.std([0]).clamp_min(1e-6), y);
}

static string FindUpwards(string relative)
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
    }

    throw new FileNotFoundException($"{relative} not found above the current folder or the program's; pass the path as the first argument");
}
