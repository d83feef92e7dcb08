using LrCluster.Core.RangeTest;
using LrCluster.Core.Spec;

namespace LrCluster.Core.Tests.Spec;

public sealed class BadSpecTests
{
    private const string Rt = SpecText.RangeTestLine;
    private const string OneConfig = "clr: { epochs: 2, configs: [ { policy: triangular } ] }";

    /// <summary>yaml, expected line, expected path, a fragment of the message.</summary>
    public static TheoryData<string, int, string, string> UnknownKeys => new()
    {
        { SpecText.WithTail(Rt, "epochz: 3"), 8, "epochz", "unknown key; allowed here: batchSize, " },
        { SpecText.HeaderWith(2, "data: { builtin: digits, valid: 0.2 }", Rt), 2, "data.valid", "unknown key; allowed here: builtin, csv, npy, standardize, target, validation" },
        { SpecText.HeaderWith(2, "data: { builtin: digits, npy: { features: x.npy, targets: y.npy, labels: z.npy } }", Rt), 2, "data.npy.labels", "unknown key; allowed here: features, targets" },
        { SpecText.HeaderWith(3, "model: { mlp: { hidden: [8] }, dropout: 0.1 }", Rt), 3, "model.dropout", "unknown key; allowed here: cnn, mlp, torchScript" },
        { SpecText.HeaderWith(3, "model: { mlp: { hidden: [8], activaton: relu } }", Rt), 3, "model.mlp.activaton", "unknown key; allowed here: activation, hidden" },
        { SpecText.HeaderWith(3, "model: { cnn: { channels: 8 } }", Rt), 3, "model.cnn.channels", "unknown key; allowed here: " },
        { SpecText.HeaderWith(5, "optimizer: { name: sgd, momentun: 0.9 }", Rt), 5, "optimizer.momentun", "unknown key; allowed here: alpha, beta1, beta2, dampening, eps, momentum, name, nesterov, weightDecay" },
        { SpecText.WithTail("rangeTest: { steps: 10, stpes: 3 }"), 7, "rangeTest.stpes", "unknown key; allowed here: candidates, divergence, end, measure, mode, multiplier, repeats, samplesPerLr, section, sectionRatio, smoothing, start, steps, suggest, validateEvery" },
        { SpecText.WithTail("rangeTest:", "  smoothing:", "    kind: ema", "    alpha: 0.9"), 10, "rangeTest.smoothing.alpha", "unknown key; allowed here: beta, kind" },
        { SpecText.WithTail("rangeTest:", "  candidates:", "    - name: a", "      lr: 1"), 10, "rangeTest.candidates[0].lr", "unknown key; allowed here: batchSize, " },
        { SpecText.WithTail("rangeTest: { candidates: [ { name: a, optimizer: { name: adam, betas: 1 } } ] }"), 7, "rangeTest.candidates[0].optimizer.betas", "unknown key; allowed here: alpha, beta1, beta2, dampening, eps, momentum, name, nesterov, weightDecay" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2, bounds: 3, configs: [ { policy: triangular } ] }"), 8, "clr.bounds", "unknown key; allowed here: baseLr, configs, epochs, evaluateEvery, maxLr, stepSize" },
        {
            SpecText.WithTail(Rt, "clr:", "  epochs: 2", "  configs:", "    - policy: exp_range", "      gama: 0.9"), 12, "clr.configs[0].gama",
            "unknown key; allowed here: anneal, baseLr, baseMomentum, cooldown, cycleMomentum, decay, decayFrequency, decreaseBaseLr, divFactor, factor, finalDivFactor, gamma, maxLr, maxMomentum, name, patience, pctStart, policy, scaleMode, stepSizeDown, stepSizeUp, threePhase"
        },
    };

    public static TheoryData<string, int, string, string> BadLearningRates => new()
    {
        { SpecText.WithTail("rangeTest: { start: .nan }"), 7, "rangeTest.start", "'.nan' is not a number" },
        { SpecText.WithTail("rangeTest: { end: .inf }"), 7, "rangeTest.end", "'.inf' is not a number" },
        { SpecText.WithTail("rangeTest: { end: 1e999 }"), 7, "rangeTest.end", "must be finite" },
        { SpecText.WithTail("rangeTest: { start: NaN }"), 7, "rangeTest.start", "must be finite, got NaN" },
        { SpecText.WithTail("rangeTest: { end: Infinity }"), 7, "rangeTest.end", "must be finite, got Infinity" },
        { SpecText.WithTail("rangeTest: { start: 0 }"), 7, "rangeTest.start", "0 is out of range; allowed: > 0 and <= " },
        { SpecText.WithTail("rangeTest: { start: -0.001 }"), 7, "rangeTest.start", "-0.001 is out of range; allowed: > 0" },
        { SpecText.WithTail("rangeTest: { end: 1e7 }"), 7, "rangeTest.end", "is out of range; allowed: > 0 and <= 1E+06" },
        { SpecText.WithTail("rangeTest:", "  start: 0.5", "  end: 0.1"), 9, "rangeTest.end", "must be greater than start (0.5), got 0.1" },
        { SpecText.WithTail("rangeTest: { start: 1, end: 1 }"), 7, "rangeTest.end", "must be greater than start (1), got 1" },
        { SpecText.WithTail("rangeTest: { steps: 1 }"), 7, "rangeTest.steps", "1 is out of range; allowed: 2 to 1000000" },
        { SpecText.WithTail("clr: { epochs: 2, maxLr: .inf, configs: [ { policy: one_cycle } ] }"), 7, "clr.maxLr", "not a number" },
        { SpecText.WithTail("clr: { epochs: 2, baseLr: 0, maxLr: 0.1, configs: [ { policy: triangular } ] }"), 7, "clr.baseLr", "out of range; allowed: > 0" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2, configs: [ { policy: triangular, maxLr: -1 } ] }"), 8, "clr.configs[0].maxLr", "-1 is out of range; allowed: > 0" },
        { SpecText.WithTail("clr:", "  epochs: 2", "  baseLr: 0.1", "  maxLr: 0.01", "  configs: [ { policy: triangular } ]"), 9, "clr.baseLr", "must not exceed maxLr (0.01)" },
        { SpecText.WithTail("clr: { epochs: 2, configs: [ { policy: triangular, baseLr: 0.1, maxLr: 0.01 } ] }"), 7, "clr.configs[0]", "baseLr (0.1) must not exceed maxLr (0.01)" },
        { SpecText.WithTail("clr: { epochs: 2, configs: [ { policy: triangular } ] }"), 7, "clr.configs[0]", "needs baseLr and maxLr (here or under clr) when there is no rangeTest" },
        { SpecText.WithTail("clr: { epochs: 2, baseLr: 0.01, configs: [ { policy: one_cycle } ] }"), 7, "clr.configs[0]", "needs maxLr (here or under clr) when there is no rangeTest" },
    };

    public static TheoryData<string, int, string, string> EmptyListsAndAbsurdSizes => new()
    {
        { SpecText.WithTail("rangeTest: { candidates: [] }"), 7, "rangeTest.candidates", "must not be empty" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2, configs: [] }"), 8, "clr.configs", "must not be empty" },
        { SpecText.HeaderWith(3, "model: { mlp: { hidden: [] } }", Rt), 3, "model.mlp.hidden", "must not be empty" },
        { SpecText.HeaderWith(6, "batchSize: 1000000000", Rt), 6, "batchSize", "1000000000 is out of range; allowed: 1 to 1048576" },
        { SpecText.HeaderWith(6, "batchSize: 0", Rt), 6, "batchSize", "0 is out of range; allowed: 1 to 1048576" },
        { SpecText.HeaderWith(6, "batchSize: 16.5", Rt), 6, "batchSize", "'16.5' is not a whole number" },
        { SpecText.HeaderWith(3, "model: { mlp: { hidden: [8, 10000000] } }", Rt), 3, "model.mlp.hidden[1]", "'10000000' is not allowed; allowed: a whole number from 1 to 65536" },
        { SpecText.HeaderWith(3, "model: { mlp: { hidden: [0] } }", Rt), 3, "model.mlp.hidden[0]", "'0' is not allowed; allowed: a whole number from 1 to 65536" },
        { SpecText.WithTail("rangeTest: { repeats: 1000 }"), 7, "rangeTest.repeats", "1000 is out of range; allowed: 1 to 100" },
        { SpecText.WithTail(Rt, "clr: { epochs: 1000000, configs: [ { policy: fixed } ] }"), 8, "clr.epochs", "1000000 is out of range; allowed: 1 to 100000" },
        { SpecText.WithTail("rangeTest: { candidates: [ { name: huge, batchSize: 1000000000 } ] }"), 7, "rangeTest.candidates[0].batchSize", "allowed: 1 to 1048576" },
        { SpecText.HeaderWith(2, "data: { builtin: digits, validation: 0.95 }", Rt), 2, "data.validation", "0.95 is out of range; allowed: >= 0 and <= 0.9" },
    };

    public static TheoryData<string, int, string, string> BadEnumValues => new()
    {
        { SpecText.WithTail("rangeTest: { mode: log }"), 7, "rangeTest.mode", "'log' is not allowed; allowed: exp, linear, expFastai, multiplier, grid" },
        { SpecText.HeaderWith(4, "loss: crossentropy", Rt), 4, "loss", "'crossentropy' is not allowed; allowed: mse, crossEntropy, l1, huber, bceWithLogits" },
        { SpecText.HeaderWith(3, "model: { mlp: { hidden: [8], activation: swish } }", Rt), 3, "model.mlp.activation", "'swish' is not allowed; allowed: relu, tanh, gelu, leakyRelu, sigmoid" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2, configs: [ { policy: cosine } ] }"), 8, "clr.configs[0].policy", "'cosine' is not allowed; allowed: triangular, triangular2, exp_range, one_cycle, decaying, plateau, fixed" },
        { SpecText.HeaderWith(5, "optimizer: { name: lamb }", Rt), 5, "optimizer.name", "'lamb' is not allowed; allowed: sgd, adam, adamw, rmsprop" },
        { SpecText.WithTail("rangeTest: { candidates: [ { name: x, optimizer: { name: SGD } } ] }"), 7, "rangeTest.candidates[0].optimizer.name", "'SGD' is not allowed; allowed: sgd, adam, adamw, rmsprop" },
        { SpecText.WithTail("rangeTest: { suggest: best }"), 7, "rangeTest.suggest", $"'best' is not allowed; allowed: {string.Join(", ", SuggestionMethods.Names)}" },
        { SpecText.WithTail("rangeTest: { section: widest }"), 7, "rangeTest.section", $"'widest' is not allowed; allowed: {string.Join(", ", SectionRules.Names)}" },
        { SpecText.WithTail("rangeTest: { smoothing: { kind: gauss } }"), 7, "rangeTest.smoothing.kind", "'gauss' is not allowed; allowed: ema, emaUncorrected, none" },
        { SpecText.WithTail("rangeTest: { measure: test }"), 7, "rangeTest.measure", "'test' is not allowed; allowed: train, validation" },
        { SpecText.HeaderWith(2, "data: { builtin: mnist }", Rt), 2, "data.builtin", "'mnist' is not allowed; allowed: digits, boston" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2, configs: [ { policy: exp_range, scaleMode: epoch } ] }"), 8, "clr.configs[0].scaleMode", "'epoch' is not allowed; allowed: cycle, iterations" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2, configs: [ { policy: one_cycle, anneal: step } ] }"), 8, "clr.configs[0].anneal", "'step' is not allowed; allowed: cos, linear" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2, configs: [ { policy: triangular, cycleMomentum: yes } ] }"), 8, "clr.configs[0].cycleMomentum", "'yes' is not allowed; allowed: true, false" },
        { SpecText.Lines(["device: gpu", .. SpecText.Header, Rt]), 1, "device", "'gpu' is not allowed; allowed: cpu, cuda, cuda:N" },
        { SpecText.HeaderWith(1, "name: \"my sweep\"", Rt), 1, "name", "'my sweep' is not allowed; use 1-63 letters, digits" },
    };

    public static TheoryData<string, int, string, string> MissingRequiredFields => new()
    {
        { SpecText.Lines([.. SpecText.Header.Skip(1), Rt]), 1, "name", "is required" },
        { SpecText.Lines(["name: t", .. SpecText.Header.Skip(2), Rt]), 1, "data", "is required" },
        { SpecText.Lines([.. SpecText.Header.Take(2), .. SpecText.Header.Skip(3), Rt]), 1, "model", "is required" },
        { SpecText.Lines([.. SpecText.Header.Take(3), .. SpecText.Header.Skip(4), Rt]), 1, "loss", "is required" },
        { SpecText.Lines([.. SpecText.Header.Take(4), .. SpecText.Header.Skip(5), Rt]), 1, "optimizer", "is required" },
        { SpecText.Lines([.. SpecText.Header.Take(5), Rt]), 1, "batchSize", "is required" },
        { SpecText.HeaderWith(5, "optimizer: { momentum: 0.9 }", Rt), 5, "optimizer.name", "is required" },
        { SpecText.WithTail(Rt, "clr: { configs: [ { policy: triangular } ] }"), 8, "clr.epochs", "is required" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2 }"), 8, "clr.configs", "is required" },
        { SpecText.WithTail(Rt, "clr:", "  epochs: 2", "  configs:", "    - policy: fixed", "    - name: mine"), 12, "clr.configs[1].policy", "is required" },
        { SpecText.HeaderWith(3, "model: { mlp: { activation: relu } }", Rt), 3, "model.mlp.hidden", "is required" },
        { SpecText.HeaderWith(2, "data: { npy: { features: x.npy } }", Rt), 2, "data.npy.targets", "is required" },
    };

    public static TheoryData<string, int, string, string> SourcesModelsAndNames => new()
    {
        { SpecText.HeaderWith(2, "data: { builtin: digits, npy: { features: x.npy, targets: y.npy } }", Rt), 2, "data", "give exactly one source; allowed: builtin, csv (with target), npy (features, targets)" },
        { SpecText.HeaderWith(2, "data: { validation: 0.2 }", Rt), 2, "data", "give exactly one source; allowed: builtin, csv (with target), npy (features, targets)" },
        { SpecText.HeaderWith(2, "data: { csv: lrcluster-missing-file.csv }", Rt), 2, "data.target", "is required with csv: the name of the column to predict" },
        { SpecText.HeaderWith(2, "data: { csv: lrcluster-missing-file.csv, target: y }", Rt), 2, "data.csv", "file 'lrcluster-missing-file.csv' does not exist" },
        { SpecText.HeaderWith(2, "data: { builtin: boston, target: MEDV }", Rt), 2, "data.target", "only applies to csv data" },
        { SpecText.HeaderWith(2, "data: { npy: { features: lrcluster-missing-x.npy, targets: lrcluster-missing-y.npy } }", Rt), 2, "data.npy.features", "file 'lrcluster-missing-x.npy' does not exist" },
        { SpecText.HeaderWith(3, "model: { mlp: { hidden: [8] }, cnn: {} }", Rt), 3, "model", "give exactly one model; allowed: mlp, cnn, torchScript" },
        { SpecText.HeaderWith(3, "model: {}", Rt), 3, "model", "give exactly one model; allowed: mlp, cnn, torchScript" },
        { SpecText.HeaderWith(3, "model: { torchScript: lrcluster-missing.pt }", Rt), 3, "model.torchScript", "file 'lrcluster-missing.pt' does not exist" },
        { SpecText.WithTail("rangeTest: { candidates: [ { name: base } ] }"), 7, "rangeTest.candidates", "candidate name 'base' is used twice" },
        { SpecText.WithTail("rangeTest:", "  candidates:", "    - { name: a, batchSize: 8 }", "    - { name: a, batchSize: 32 }"), 9, "rangeTest.candidates", "candidate name 'a' is used twice" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2, configs: [ { policy: triangular }, { policy: triangular, stepSizeUp: 10 } ] }"), 8, "clr.configs", "config name 'triangular' is used twice" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2, configs: [ { name: a, policy: fixed }, { name: a, policy: triangular } ] }"), 8, "clr.configs", "config name 'a' is used twice" },
        { SpecText.HeaderWith(2, "data: digits", Rt), 2, "data", "must be a mapping (key: value pairs)" },
        { SpecText.WithTail("rangeTest: { candidates: [ adam ] }"), 7, "rangeTest.candidates[0]", "must be a mapping (key: value pairs)" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2, configs: { policy: fixed } }"), 8, "clr.configs", "must be a list" },
    };

    public static TheoryData<string, int, string, string> RulesAndNothingToRun => new()
    {
        { SpecText.WithTail("rangeTest: { divergence: 0.5 }"), 7, "rangeTest.divergence", "0.5 would stop at once; allowed: 0 (off) or a factor > 1" },
        { SpecText.WithTail("rangeTest: { divergence: 1 }"), 7, "rangeTest.divergence", "1 would stop at once; allowed: 0 (off) or a factor > 1" },
        { SpecText.WithTail("rangeTest: { smoothing: { beta: 1 } }"), 7, "rangeTest.smoothing.beta", "must be below 1; allowed: 0 <= beta < 1" },
        { SpecText.WithTail("rangeTest: { sectionRatio: 1 }"), 7, "rangeTest.sectionRatio", "1 is out of range; allowed: > 1" },
        { SpecText.WithTail(), 1, "", "nothing to run: give rangeTest, clr or both" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2, stepSize: \"0 epochs\", configs: [ { policy: fixed } ] }"), 8, "clr.stepSize", "must be positive" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2, stepSize: two epochs, configs: [ { policy: fixed } ] }"), 8, "clr.stepSize", "'two epochs' is not a whole number" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2, stepSize: [2], configs: [ { policy: fixed } ] }"), 8, "clr.stepSize", "must be a number of steps or 'N epochs'" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2, configs: [ { policy: exp_range, gamma: 1.5 } ] }"), 8, "clr.configs[0].gamma", "1.5 is out of range; allowed: > 0 and <= 1" },
        { SpecText.WithTail(Rt, "clr: { epochs: 2, configs: [ { policy: triangular, baseMomentum: 0.95, maxMomentum: 0.85 } ] }"), 8, "clr.configs[0].baseMomentum", "must not exceed maxMomentum" },
    };

    [Theory]
    [MemberData(nameof(UnknownKeys))]
    public void An_unknown_key_at_any_level_is_reported_with_the_keys_allowed_there(string yaml, int line, string path, string fragment) =>
        SpecAssert.HasError(SpecText.Errors(yaml), line, path, fragment);

    [Theory]
    [MemberData(nameof(BadLearningRates))]
    public void A_learning_rate_that_is_not_finite_not_positive_or_out_of_order_is_reported(string yaml, int line, string path, string fragment) =>
        SpecAssert.HasError(SpecText.Errors(yaml), line, path, fragment);

    [Theory]
    [MemberData(nameof(EmptyListsAndAbsurdSizes))]
    public void An_empty_list_or_an_absurd_size_is_reported_with_the_allowed_range(string yaml, int line, string path, string fragment) =>
        SpecAssert.HasError(SpecText.Errors(yaml), line, path, fragment);

    [Theory]
    [MemberData(nameof(BadEnumValues))]
    public void A_value_outside_a_fixed_set_is_reported_with_every_allowed_value(string yaml, int line, string path, string fragment) =>
        SpecAssert.HasError(SpecText.Errors(yaml), line, path, fragment);

    [Theory]
    [MemberData(nameof(MissingRequiredFields))]
    public void A_missing_required_field_is_reported_at_the_mapping_that_lacks_it(string yaml, int line, string path, string fragment) =>
        SpecAssert.HasError(SpecText.Errors(yaml), line, path, fragment);

    [Theory]
    [MemberData(nameof(SourcesModelsAndNames))]
    public void A_wrong_number_of_sources_or_models_or_a_duplicate_name_is_reported(string yaml, int line, string path, string fragment) =>
        SpecAssert.HasError(SpecText.Errors(yaml), line, path, fragment);

    [Theory]
    [MemberData(nameof(RulesAndNothingToRun))]
    public void A_broken_decision_rule_step_size_or_an_empty_plan_is_reported(string yaml, int line, string path, string fragment) =>
        SpecAssert.HasError(SpecText.Errors(yaml), line, path, fragment);
}
