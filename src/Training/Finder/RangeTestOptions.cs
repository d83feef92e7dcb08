using LrCluster.Core.RangeTest;
using LrCluster.Core.Spec;
using LrCluster.Training.Runners;
using static TorchSharp.torch;

namespace LrCluster.Training.Finder;

/// <summary>
/// How <see cref="LrFinder"/> climbs: the ladder, the smoothing, when it stops. The defaults are fastai's
/// <c>lr_find</c> (1e-7 to 10 over 100 steps, bias-corrected EMA 0.98, stop at 4x the best smoothed loss),
/// except that the ladder ends on <see cref="End"/> (torch-lr-finder's inclusive exponential).
/// </summary>
public sealed class RangeTestOptions
{
    /// <summary>First learning rate.</summary>
    public double Start { get; init; } = 1e-7;

    /// <summary>Last learning rate (or the grid's exclusive stop).</summary>
    public double End { get; init; } = 10;

    /// <summary>Optimizer steps (points) for the per-step ladders; the cap for <c>multiplier</c>.</summary>
    public int Steps { get; init; } = 100;

    /// <summary><c>exp</c>, <c>linear</c>, <c>expFastai</c> (never reaches End), <c>multiplier</c> (start * m^i), <c>grid</c> (trw).</summary>
    public string Mode { get; init; } = "exp";

    /// <summary>The ratio between successive LRs for <c>multiplier</c> and <c>grid</c>.</summary>
    public double Multiplier { get; init; } = 1.1;

    /// <summary>Samples each grid level trains on, with a fresh optimizer (trw's default 1000).</summary>
    public int SamplesPerLr { get; init; } = 1000;

    /// <summary><c>ema</c> (bias-corrected, fastai), <c>emaUncorrected</c> (torch-lr-finder) or <c>none</c>.</summary>
    public string Smoothing { get; init; } = "ema";

    /// <summary>The EMA's beta (<c>ema</c>, default 0.98) or factor (<c>emaUncorrected</c>, default 0.05).</summary>
    public double? Beta { get; init; }

    /// <summary>Stop once the smoothed loss exceeds this many times the best so far (fastai 4, torch-lr-finder 5); 0 never stops early.</summary>
    public double Divergence { get; init; } = 4;

    /// <summary>
    /// Held-out batches: when given, the recorded loss is the mean loss over them (Smith's validation
    /// mode) every <see cref="ValidateEvery"/> steps, in eval mode and without gradients.
    /// </summary>
    public IEnumerable<(Tensor Input, Tensor Target)>? Validation { get; init; }

    public int ValidateEvery { get; init; } = 1;

    /// <summary>Checks every option and names the one that is wrong and what is allowed.</summary>
    internal RangeTestSpec ToSpec()
    {
        Require(double.IsFinite(Start) && Start > 0, nameof(Start), Start, "a finite number > 0");
        Require(double.IsFinite(End) && End > Start, nameof(End), End, $"a finite number > Start ({Start})");
        Require(Steps >= 2, nameof(Steps), Steps, "at least 2");
        Require(RangeTestSpec.Modes.Contains(Mode), nameof(Mode), Mode, string.Join(", ", RangeTestSpec.Modes));
        Require(double.IsFinite(Multiplier) && Multiplier > 1, nameof(Multiplier), Multiplier, "a finite number > 1");
        Require(SamplesPerLr >= 1, nameof(SamplesPerLr), SamplesPerLr, "at least 1");
        Require(SmoothingSpec.Kinds.Contains(Smoothing), nameof(Smoothing), Smoothing, string.Join(", ", SmoothingSpec.Kinds));
        var beta = Beta ?? (Smoothing == "emaUncorrected" ? 0.05 : 0.98);
        Require(beta is >= 0 and < 1 && (Smoothing != "emaUncorrected" || beta > 0), nameof(Beta), beta, Smoothing == "emaUncorrected" ? "0 < factor < 1" : "0 <= beta < 1");
        Require(Divergence == 0 || (double.IsFinite(Divergence) && Divergence > 1), nameof(Divergence), Divergence, "0 (off) or a factor > 1");
        Require(ValidateEvery >= 1, nameof(ValidateEvery), ValidateEvery, "at least 1");
        return new RangeTestSpec(Start, End, Steps, Mode, Multiplier, SamplesPerLr, new SmoothingSpec(Smoothing, beta), Divergence,
            Repeats: 1, Candidates: [], Suggest: "valley", Section: "smith", SectionRatio: 4,
            Measure: Validation is null ? "train" : "validation", ValidateEvery);
    }

    internal ILrLadder Ladder(RangeTestSpec spec) => RangeTestRunner.CreateLadder(spec);

    private static void Require(bool ok, string option, object value, string allowed)
    {
        if (!ok)
        {
            throw new ArgumentException($"RangeTestOptions.{option} is {value}; allowed: {allowed}", option);
        }
    }
}
