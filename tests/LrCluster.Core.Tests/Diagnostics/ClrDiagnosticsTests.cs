using LrCluster.Core.Diagnostics;
using LrCluster.Core.Sweeps;

namespace LrCluster.Core.Tests.Diagnostics;

public sealed class ClrDiagnosticsTests
{
    private static ClrResult Result(string config, string policy, double finalLoss, TrialStatus status = TrialStatus.Completed) =>
        new(config, policy, status, 4, finalLoss, 0.9, finalLoss, 4);

    private static ScheduleParameters Schedule(string policy, int up, int down, long total) =>
        new(policy, 1e-3, 1e-2, up, down, total, 1, "cycle", false, 0.8, 0.9, 0.3, "cos", 25, 1e4, false, 1, 1, double.PositiveInfinity, 0.9, true, 2);

    [Fact]
    public void A_baseline_with_the_lowest_final_loss_beat_every_config()
    {
        var ranking = new[] { Result("fixed", "fixed", 0.2), Result("triangular", "triangular", 0.3), Result("one_cycle", "one_cycle", double.NaN, TrialStatus.Diverged) };

        var warning = Assert.Single(Runs.Codes(ClrDiagnostics.Check(ranking, new Dictionary<string, ScheduleParameters>()), WarningCodes.BaselineBeatsEveryConfig));

        Assert.Equal("fixed", warning.Config);
        Assert.Contains("final validation loss 0.2", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_config_better_than_the_baseline_is_enough()
    {
        var ranking = new[] { Result("fixed", "fixed", 0.2), Result("triangular", "triangular", 0.3), Result("one_cycle", "one_cycle", 0.19) };

        Assert.Empty(Runs.Codes(ClrDiagnostics.Check(ranking, new Dictionary<string, ScheduleParameters>()), WarningCodes.BaselineBeatsEveryConfig));
    }

    [Fact]
    public void Without_a_baseline_nothing_is_compared()
    {
        var ranking = new[] { Result("triangular", "triangular", 0.3) };

        Assert.Empty(ClrDiagnostics.Check(ranking, new Dictionary<string, ScheduleParameters>()));
    }

    [Theory]
    // Cycles of 10 + 10 steps: 60 steps are three whole cycles, 50 end 10 steps into the third.
    [InlineData("triangular", 50, true)]
    [InlineData("triangular", 60, false)]
    [InlineData("triangular2", 45, true)]
    [InlineData("one_cycle", 50, false)]
    [InlineData("fixed", 50, false)]
    public void Training_that_stops_inside_a_cycle_is_flagged(string policy, long total, bool warned)
    {
        var schedules = new Dictionary<string, ScheduleParameters> { [policy] = Schedule(policy, 10, 10, total) };

        var warnings = Runs.Codes(ClrDiagnostics.Check([Result(policy, policy, 0.3)], schedules), WarningCodes.EndsMidCycle);

        Assert.Equal(warned ? 1 : 0, warnings.Count);
    }

    [Fact]
    public void A_config_that_diverged_is_told_to_lower_its_max_lr()
    {
        var schedules = new Dictionary<string, ScheduleParameters> { ["exp_range"] = Schedule("exp_range", 10, 10, 40) };

        var warning = Assert.Single(Runs.Codes(ClrDiagnostics.Check([Result("exp_range", "exp_range", double.NaN, TrialStatus.Diverged)], schedules), WarningCodes.ConfigDiverged));

        Assert.Equal("exp_range", warning.Config);
        Assert.Contains("(maxLr 0.01)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("lower its maxLr", warning.Message, StringComparison.Ordinal);
    }
}
