using LrCluster.Core.RangeTest;
using LrCluster.Core.Schedules;
using LrCluster.Core.Spec;

namespace LrCluster.Core.Sweeps;

/// <summary>Resolves a cyclical config against the chosen section into <see cref="ScheduleParameters"/>, and those into a schedule.</summary>
public static class ScheduleFactory
{
    /// <param name="config">The config as the user wrote it.</param>
    /// <param name="clr">The sweep's cyclical phase (sweep-wide bounds and step size).</param>
    /// <param name="section">Bounds chosen by the range test, or null when the spec gives them.</param>
    /// <param name="suggestedLr">The suggestion of the chosen candidate, the fixed-LR baseline's default.</param>
    /// <param name="optimizer">Momentum cycling only makes sense when the optimizer has a momentum (or beta1).</param>
    /// <param name="batchesPerEpoch">Converts "N epochs" step sizes and gives the total step count.</param>
    public static ScheduleParameters Resolve(ClrConfigSpec config, ClrSpec clr, LrSection? section, double? suggestedLr, OptimizerSpec optimizer, int batchesPerEpoch)
    {
        var maxLr = config.MaxLr ?? clr.MaxLr ?? section?.MaxLr
            ?? throw new InvalidOperationException($"config '{config.Name}' has no maxLr and the range test chose no section");
        var baseLr = config.BaseLr ?? clr.BaseLr ?? section?.BaseLr ?? maxLr / 4;
        if (config.Policy == "fixed")
        {
            // The fixed-LR baseline Smith compares against: one LR for the whole run.
            var lr = config.BaseLr ?? config.MaxLr ?? suggestedLr ?? maxLr;
            baseLr = lr;
            maxLr = lr;
        }

        var up = config.StepSizeUp ?? clr.ResolveStepSize(batchesPerEpoch);
        var hasMomentum = optimizer.UsesBeta1 || optimizer.Momentum > 0;
        return new ScheduleParameters(
            Policy: config.Policy,
            BaseLr: Math.Min(baseLr, maxLr),
            MaxLr: maxLr,
            StepSizeUp: up,
            StepSizeDown: config.StepSizeDown ?? up,
            TotalSteps: (long)clr.Epochs * batchesPerEpoch,
            Gamma: config.Gamma ?? 1.0,
            ScaleMode: config.ScaleMode ?? (config.Policy == "exp_range" ? "iterations" : "cycle"),
            CycleMomentum: hasMomentum && (config.CycleMomentum ?? config.Policy == "one_cycle"),
            BaseMomentum: config.BaseMomentum ?? (config.Policy == "one_cycle" ? 0.85 : 0.8),
            MaxMomentum: config.MaxMomentum ?? (config.Policy == "one_cycle" ? 0.95 : 0.9),
            PctStart: config.PctStart ?? 0.3,
            Anneal: config.Anneal ?? "cos",
            DivFactor: config.DivFactor ?? 25,
            FinalDivFactor: config.FinalDivFactor ?? 1e4,
            ThreePhase: config.ThreePhase ?? false,
            Decay: config.Decay ?? 0.5,
            DecayFrequency: config.DecayFrequency ?? 1,
            Patience: config.Patience ?? double.PositiveInfinity,
            Factor: config.Factor ?? 0.9,
            DecreaseBaseLr: config.DecreaseBaseLr ?? true,
            Cooldown: config.Cooldown ?? 2);
    }

    public static ILrSchedule Create(ScheduleParameters p)
    {
        return p.Policy switch
        {
            "triangular" or "triangular2" or "exp_range" => new CyclicSchedule(Cyclic(p)),
            "one_cycle" => new OneCycleSchedule(new OneCycleOptions(
                p.MaxLr, p.TotalSteps, p.PctStart, p.Anneal == "linear" ? AnnealStrategy.Linear : AnnealStrategy.Cos,
                p.DivFactor, p.FinalDivFactor, p.ThreePhase, p.CycleMomentum, p.BaseMomentum, p.MaxMomentum)),
            "decaying" => new DecayingCyclicSchedule(p.BaseLr, p.MaxLr, p.StepSizeUp, p.Decay, p.DecayFrequency),
            "plateau" => new PlateauScaledSchedule(Cyclic(p with { Policy = "triangular" }),
                new PlateauOptions(p.Patience, p.Factor, p.DecreaseBaseLr, p.Cooldown)),
            "fixed" => new ConstantSchedule(p.BaseLr),
            _ => throw new ArgumentException($"unknown policy '{p.Policy}'; allowed: {string.Join(", ", ClrConfigSpec.Policies)}", nameof(p)),
        };
    }

    private static CyclicOptions Cyclic(ScheduleParameters p) => new(
        p.BaseLr,
        p.MaxLr,
        p.StepSizeUp,
        p.StepSizeDown,
        p.Policy switch { "triangular2" => CyclicMode.Triangular2, "exp_range" => CyclicMode.ExpRange, _ => CyclicMode.Triangular },
        p.Gamma,
        null,
        null,
        p.CycleMomentum,
        p.BaseMomentum,
        p.MaxMomentum);
}
