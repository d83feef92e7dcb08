using LrCluster.Core.RangeTest;
using YamlDotNet.RepresentationModel;

namespace LrCluster.Core.Spec;

/// <summary>Turns the YAML tree into a <see cref="SweepSpec"/>; reports problems and returns null when any were found.</summary>
internal sealed class SweepSpecBuilder(YamlMap root, string? baseDirectory, ISpecFileRule? files = null, bool checkFiles = true)
{
    private const int MaxSteps = 1_000_000;
    private const int MaxBatch = 1 << 20;
    private const double MaxLr = 1e6;
    private readonly SpecErrors _errors = root.Errors;

    public SweepSpec? Build()
    {
        var name = CheckName(root, "name", root.String("name", required: true));

        var seed = root.Int("seed", 0, int.MaxValue) ?? 0;
        var device = root.String("device") ?? "cpu";
        if (device != "cpu" && !System.Text.RegularExpressions.Regex.IsMatch(device, "^cuda(:[0-9]{1,2})?$"))
        {
            _errors.Add(root.LineOf("device"), "device", $"'{device}' is not allowed; allowed: cpu, cuda, cuda:N");
        }

        var data = ReadData(root.Map("data", required: true));
        var model = ReadModel(root.Map("model", required: true));
        var loss = root.String("loss", required: true, allowed: SpecReader.Losses);
        var optimizer = ReadOptimizer(root.Map("optimizer", required: true), "optimizer", null);
        var batch = root.Int("batchSize", 1, MaxBatch, required: true);
        var rangeTest = root.Map("rangeTest") is { } rt ? ReadRangeTest(rt, optimizer, batch) : null;
        var clr = root.Map("clr") is { } c ? ReadClr(c, root.Has("rangeTest")) : null;
        root.RejectUnknown();

        if (!root.Has("rangeTest") && !root.Has("clr"))
        {
            _errors.Add(root.Line, "", "nothing to run: give rangeTest, clr or both");
        }

        if (name is null || data is null || model is null || loss is null || optimizer is null || batch is null || _errors.All.Count > 0)
        {
            return null;
        }

        return new SweepSpec(name, seed, data, model, loss, optimizer, batch.Value, device, rangeTest, clr);
    }

    /// <summary>Names end up in sweep and trial ids (and URLs), so they are plain identifiers.</summary>
    private string? CheckName(YamlMap map, string key, string? value)
    {
        if (value is not null && !System.Text.RegularExpressions.Regex.IsMatch(value, "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$"))
        {
            _errors.Add(map.LineOf(key), YamlMap.Join(map.Path, key), $"'{value}' is not allowed; use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
            return null;
        }

        return value;
    }

    private DataSpec? ReadData(YamlMap? map)
    {
        if (map is null)
        {
            return null;
        }

        var builtin = map.String("builtin", allowed: SpecReader.Builtins);
        var csv = map.String("csv");
        var target = map.String("target");
        var npy = map.Map("npy");
        var npyX = npy?.String("features", required: true);
        var npyY = npy?.String("targets", required: true);
        npy?.RejectUnknown();
        var validation = map.Double("validation", 0, 0.9) ?? 0.2;
        var standardize = map.Bool("standardize") ?? true;
        map.RejectUnknown();

        var sources = new[] { map.Has("builtin"), csv is not null, npy is not null }.Count(x => x);
        if (sources != 1)
        {
            _errors.Add(map.Line, map.Path, "give exactly one source; allowed: builtin, csv (with target), npy (features, targets)");
        }

        if (csv is not null && target is null)
        {
            _errors.Add(map.LineOf("csv"), YamlMap.Join(map.Path, "target"), "is required with csv: the name of the column to predict");
        }

        if (csv is null && target is not null)
        {
            _errors.Add(map.LineOf("target"), YamlMap.Join(map.Path, "target"), "only applies to csv data");
        }

        CheckFile(map, "csv", csv);
        CheckFile(npy, "features", npyX);
        CheckFile(npy, "targets", npyY);
        return new DataSpec(
            builtin,
            csv is null ? null : SpecReader.ResolvePath(csv, baseDirectory),
            target,
            npyX is null ? null : SpecReader.ResolvePath(npyX, baseDirectory),
            npyY is null ? null : SpecReader.ResolvePath(npyY, baseDirectory),
            validation,
            standardize);
    }

    private void CheckFile(YamlMap? map, string key, string? path)
    {
        if (map is null || path is null)
        {
            return;
        }

        // The rule goes first, so a refused path never reveals whether it exists.
        if (files?.Refuse(path, SpecReader.ResolvePath(path, baseDirectory)) is { } refused)
        {
            _errors.Add(map.LineOf(key), YamlMap.Join(map.Path, key), refused);
        }
        else if (checkFiles && !File.Exists(SpecReader.ResolvePath(path, baseDirectory)))
        {
            _errors.Add(map.LineOf(key), YamlMap.Join(map.Path, key), $"file '{path}' does not exist (relative paths are resolved against the spec's folder)");
        }
    }

    private ModelSpec? ReadModel(YamlMap? map)
    {
        if (map is null)
        {
            return null;
        }

        MlpSpec? mlp = null;
        if (map.Map("mlp") is { } m)
        {
            var hidden = new List<int>();
            if (m.Sequence("hidden", 16, required: true) is { } items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    var text = (items[i] as YamlScalarNode)?.Value;
                    if (!int.TryParse(text, out var width) || width < 1 || width > 65536)
                    {
                        _errors.Add((int)items[i].Start.Line, $"{m.Path}.hidden[{i}]", $"'{text}' is not allowed; allowed: a whole number from 1 to 65536");
                    }
                    else
                    {
                        hidden.Add(width);
                    }
                }
            }

            var activation = m.String("activation", allowed: SpecReader.Activations) ?? "relu";
            m.RejectUnknown();
            mlp = new MlpSpec(hidden, activation);
        }

        // cnn takes no options yet, but must still be a mapping: `cnn: false` must not mean "use a CNN".
        var cnnMap = map.Map("cnn");
        cnnMap?.RejectUnknown();
        var cnn = cnnMap is not null;

        var script = map.String("torchScript");
        map.RejectUnknown();
        if (new[] { mlp is not null, cnn, script is not null }.Count(x => x) != 1)
        {
            _errors.Add(map.Line, map.Path, "give exactly one model; allowed: mlp, cnn, torchScript");
        }

        CheckFile(map, "torchScript", script);
        return new ModelSpec(mlp, cnn, script is null ? null : SpecReader.ResolvePath(script, baseDirectory));
    }

    private OptimizerSpec? ReadOptimizer(YamlMap? map, string path, OptimizerSpec? inherit)
    {
        if (map is null)
        {
            return null;
        }

        var name = map.String("name", required: inherit is null, allowed: OptimizerSpec.Names);
        if (name is null && inherit is null)
        {
            ReadOptimizerFields(map, new OptimizerSpec("sgd"));
            map.RejectUnknown();
            return null;
        }

        // A candidate that names another optimizer starts from that optimizer's defaults, not from the base's
        // momentum; weight decay is regularisation, not an optimizer setting, so it carries over.
        var start = inherit is not null && (name is null || name == inherit.Name)
            ? inherit
            : new OptimizerSpec(name!) { WeightDecay = inherit?.WeightDecay ?? 0 };
        var result = ReadOptimizerFields(map, start);
        map.RejectUnknown();
        return result;
    }

    private static OptimizerSpec ReadOptimizerFields(YamlMap map, OptimizerSpec start) => start with
    {
        Momentum = map.Double("momentum", 0, 1) ?? start.Momentum,
        Dampening = map.Double("dampening", 0, 1) ?? start.Dampening,
        Nesterov = map.Bool("nesterov") ?? start.Nesterov,
        WeightDecay = map.Double("weightDecay", 0, 1) ?? start.WeightDecay,
        Beta1 = map.Double("beta1", 0, 1, minExclusive: false) ?? start.Beta1,
        Beta2 = map.Double("beta2", 0, 1) ?? start.Beta2,
        Eps = map.Double("eps", 0, 1, minExclusive: true) ?? start.Eps,
        Alpha = map.Double("alpha", 0, 1) ?? start.Alpha,
    };

    private RangeTestSpec? ReadRangeTest(YamlMap map, OptimizerSpec? baseOptimizer, int? baseBatch)
    {
        var mode = map.String("mode", allowed: RangeTestSpec.Modes) ?? "exp";
        var start = map.Double("start", 0, MaxLr, minExclusive: true) ?? 1e-7;
        var end = map.Double("end", 0, MaxLr, minExclusive: true) ?? 10;
        var steps = map.Int("steps", 2, MaxSteps) ?? 100;
        var multiplier = map.Double("multiplier", 1, 100, minExclusive: true) ?? (mode == "grid" ? 1.2 : 1.06);
        var samples = map.Int("samplesPerLr", 1, 10_000_000) ?? 1000;
        var smoothing = ReadSmoothing(map.Map("smoothing"), mode);
        var divergence = map.Double("divergence", 0, 1e6) ?? 4;
        var repeats = map.Int("repeats", 1, 100) ?? 1;
        var suggest = map.String("suggest", allowed: SuggestionMethods.Names) ?? "valley";
        var section = map.String("section", allowed: SectionRules.Names) ?? "smith";
        var sectionRatio = map.Double("sectionRatio", 1, 100, minExclusive: true) ?? 4;
        var measure = map.String("measure", allowed: RangeTestSpec.Measures) ?? "train";
        var validateEvery = map.Int("validateEvery", 1, MaxSteps) ?? 1;
        if (divergence != 0 && divergence <= 1)
        {
            _errors.Add(map.LineOf("divergence"), YamlMap.Join(map.Path, "divergence"), $"{SpecReader.Invariant(divergence)} would stop at once; allowed: 0 (off) or a factor > 1");
        }

        if (mode != "multiplier" && start >= end)
        {
            _errors.Add(map.LineOf("end"), YamlMap.Join(map.Path, "end"), $"must be greater than start ({SpecReader.Invariant(start)}), got {SpecReader.Invariant(end)}");
        }

        var candidates = new List<CandidateSpec>();
        if (baseOptimizer is not null && baseBatch is not null)
        {
            candidates.Add(new CandidateSpec("base", baseOptimizer, baseBatch.Value));
        }

        if (map.Sequence("candidates", 64) is { } items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var path = $"{map.Path}.candidates[{i}]";
                if (map.ItemMap(items[i], path) is not { } c)
                {
                    continue;
                }

                var candidateName = CheckName(c, "name", c.String("name"));
                var optimizer = c.Map("optimizer") is { } om ? ReadOptimizer(om, path + ".optimizer", baseOptimizer) : baseOptimizer;
                var batch = c.Int("batchSize", 1, MaxBatch) ?? baseBatch;
                var weightDecay = c.Double("weightDecay", 0, 1);
                c.RejectUnknown();
                if (optimizer is null || batch is null)
                {
                    continue;
                }

                if (weightDecay is not null)
                {
                    optimizer = optimizer with { WeightDecay = weightDecay.Value };
                }

                candidates.Add(new CandidateSpec(candidateName ?? $"c{i + 1}", optimizer, batch.Value));
            }
        }

        var duplicate = candidates.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            _errors.Add(map.LineOf("candidates"), YamlMap.Join(map.Path, "candidates"), $"candidate name '{duplicate.Key}' is used twice; names must be unique ('base' is the spec's own settings)");
        }

        map.RejectUnknown();
        return new RangeTestSpec(start, end, steps, mode, multiplier, samples, smoothing, divergence, repeats,
            candidates, suggest, section, sectionRatio, measure, validateEvery);
    }

    private SmoothingSpec ReadSmoothing(YamlMap? map, string mode)
    {
        if (map is null)
        {
            // trw records the plain mean loss per grid level; an EMA over a few dozen levels would only lag.
            return mode == "grid" ? new SmoothingSpec("none", 0) : new SmoothingSpec("ema", 0.98);
        }

        var kind = map.String("kind", allowed: SmoothingSpec.Kinds) ?? "ema";
        var beta = map.Double("beta", 0, 1) ?? (kind == "emaUncorrected" ? 0.05 : 0.98);
        if (beta >= 1)
        {
            _errors.Add(map.LineOf("beta"), YamlMap.Join(map.Path, "beta"), "must be below 1; allowed: 0 <= beta < 1");
        }

        map.RejectUnknown();
        return new SmoothingSpec(kind, beta);
    }

    private ClrSpec? ReadClr(YamlMap map, bool hasRangeTest)
    {
        var epochs = map.Int("epochs", 1, 100_000, required: true);
        int? stepSize = null;
        double? stepEpochs = null;
        if (map.Node("stepSize") is YamlScalarNode { Value: { } text } node)
        {
            var match = SpecReader.EpochsPattern().Match(text);
            if (match.Success)
            {
                stepEpochs = double.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (stepEpochs <= 0)
                {
                    _errors.Add((int)node.Start.Line, YamlMap.Join(map.Path, "stepSize"), "must be positive");
                }
            }
            else
            {
                stepSize = map.Int("stepSize", 1, MaxSteps);
            }
        }
        else if (map.Has("stepSize"))
        {
            _errors.Add(map.LineOf("stepSize"), YamlMap.Join(map.Path, "stepSize"), "must be a number of steps or 'N epochs'");
        }
        else
        {
            stepEpochs = 4;
        }

        var baseLr = map.Double("baseLr", 0, MaxLr, minExclusive: true);
        var maxLr = map.Double("maxLr", 0, MaxLr, minExclusive: true);
        var evaluateEvery = map.Int("evaluateEvery", 1, MaxSteps);
        if (baseLr is not null && maxLr is not null && baseLr > maxLr)
        {
            _errors.Add(map.LineOf("baseLr"), YamlMap.Join(map.Path, "baseLr"), $"must not exceed maxLr ({SpecReader.Invariant(maxLr.Value)})");
        }

        var configs = new List<ClrConfigSpec>();
        if (map.Sequence("configs", 64, required: true) is { } items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (map.ItemMap(items[i], $"{map.Path}.configs[{i}]") is { } c && ReadConfig(c, i, baseLr, maxLr, hasRangeTest) is { } config)
                {
                    configs.Add(config);
                }
            }
        }

        var duplicate = configs.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            _errors.Add(map.LineOf("configs"), YamlMap.Join(map.Path, "configs"), $"config name '{duplicate.Key}' is used twice; give each a unique name");
        }

        map.RejectUnknown();
        return epochs is null ? null : new ClrSpec(epochs.Value, stepSize, stepEpochs, baseLr, maxLr, configs, evaluateEvery);
    }

    private ClrConfigSpec? ReadConfig(YamlMap c, int index, double? sweepBase, double? sweepMax, bool hasRangeTest)
    {
        var policy = c.String("policy", required: true, allowed: ClrConfigSpec.Policies);
        var config = new ClrConfigSpec(
            Name: CheckName(c, "name", c.String("name")) ?? policy ?? $"config{index}",
            Policy: policy ?? "triangular",
            BaseLr: c.Double("baseLr", 0, MaxLr, minExclusive: true),
            MaxLr: c.Double("maxLr", 0, MaxLr, minExclusive: true),
            StepSizeUp: c.Int("stepSizeUp", 1, MaxSteps),
            StepSizeDown: c.Int("stepSizeDown", 1, MaxSteps),
            Gamma: c.Double("gamma", 0, 1, minExclusive: true),
            ScaleMode: c.String("scaleMode", allowed: ["cycle", "iterations"]),
            CycleMomentum: c.Bool("cycleMomentum"),
            BaseMomentum: c.Double("baseMomentum", 0, 1),
            MaxMomentum: c.Double("maxMomentum", 0, 1),
            PctStart: c.Double("pctStart", 0, 1, minExclusive: true),
            Anneal: c.String("anneal", allowed: ["cos", "linear"]),
            DivFactor: c.Double("divFactor", 1, 1e9),
            FinalDivFactor: c.Double("finalDivFactor", 1, 1e12),
            ThreePhase: c.Bool("threePhase"),
            Decay: c.Double("decay", 0, 1, minExclusive: true),
            DecayFrequency: c.Int("decayFrequency", 1, 1_000_000),
            Patience: c.Double("patience", 0, double.MaxValue),
            Factor: c.Double("factor", 0, 1, minExclusive: true),
            DecreaseBaseLr: c.Bool("decreaseBaseLr"),
            Cooldown: c.Int("cooldown", 0, 1_000_000));
        c.RejectUnknown();
        if (policy is null)
        {
            return null;
        }

        var baseLr = config.BaseLr ?? sweepBase;
        var maxLr = config.MaxLr ?? sweepMax;
        var needsBase = policy != "one_cycle";
        if (!hasRangeTest && (maxLr is null || (needsBase && baseLr is null)))
        {
            _errors.Add(c.Line, c.Path, needsBase
                ? "needs baseLr and maxLr (here or under clr) when there is no rangeTest to choose them"
                : "needs maxLr (here or under clr) when there is no rangeTest to choose it");
        }

        if (baseLr is not null && maxLr is not null && baseLr > maxLr)
        {
            _errors.Add(c.Line, c.Path, $"baseLr ({SpecReader.Invariant(baseLr.Value)}) must not exceed maxLr ({SpecReader.Invariant(maxLr.Value)})");
        }

        if (config.BaseMomentum is { } bm && config.MaxMomentum is { } mm && bm > mm)
        {
            _errors.Add(c.LineOf("baseMomentum"), YamlMap.Join(c.Path, "baseMomentum"), "must not exceed maxMomentum");
        }

        return config;
    }
}
