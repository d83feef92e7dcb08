using System.Text.Json;
using LrCluster.Core.Schedules;

namespace LrCluster.Core.Tests.Schedules;

public sealed class OneCycleScheduleTests
{
    private static readonly OneCycleOptions Valid = new(0.1, 1000);

    public static TheoryData<string> TorchCases => ReferenceVectors.Names("one_cycle");

    public static TheoryData<OneCycleOptions, string, string> InvalidOptions => new()
    {
        { Valid with { MaxLr = 0 }, "MaxLr", "> 0" },
        { Valid with { MaxLr = double.NaN }, "MaxLr", "> 0" },
        { Valid with { TotalSteps = 0 }, "TotalSteps", ">= 1" },
        { Valid with { PctStart = -0.1 }, "PctStart", "[0, 1]" },
        { Valid with { PctStart = 1.2 }, "PctStart", "[0, 1]" },
        { Valid with { PctStart = 0.001 }, "PctStart", "must not equal 1" },
        { Valid with { Anneal = (AnnealStrategy)3 }, "Anneal", "Cos or Linear" },
        { Valid with { DivFactor = 0 }, "DivFactor", "> 0" },
        { Valid with { FinalDivFactor = double.PositiveInfinity }, "FinalDivFactor", "finite" },
        { Valid with { BaseMomentum = 1.1, MaxMomentum = 1.2 }, "BaseMomentum", "[0, 1]" },
        { Valid with { MaxMomentum = 0.5 }, "MaxMomentum", "[BaseMomentum (0.85), 1]" },
    };

    [Theory]
    [MemberData(nameof(TorchCases))]
    public void Learning_rate_matches_pytorch_onecyclelr_at_every_step(string name)
    {
        JsonElement c = ReferenceVectors.Case("one_cycle", name);
        var schedule = new OneCycleSchedule(ReferenceVectors.OneCycleOptionsFrom(c.GetProperty("params")));

        ReferenceAssert.AllClose($"{name} lr", ReferenceVectors.Doubles(c.GetProperty("lr")), i => schedule.At(i).Lr);
    }

    [Theory]
    [MemberData(nameof(TorchCases))]
    public void Momentum_matches_pytorch_when_cycled_and_is_absent_otherwise(string name)
    {
        JsonElement c = ReferenceVectors.Case("one_cycle", name);
        var schedule = new OneCycleSchedule(ReferenceVectors.OneCycleOptionsFrom(c.GetProperty("params")));
        JsonElement momentum = c.GetProperty("momentum");

        if (momentum.ValueKind == JsonValueKind.Null)
        {
            int steps = c.GetProperty("steps").GetInt32();
            Assert.All(Enumerable.Range(0, steps), i => Assert.Null(schedule.At(i).Momentum));
        }
        else
        {
            ReferenceAssert.AllClose(
                $"{name} momentum", ReferenceVectors.Doubles(momentum), i => schedule.At(i).Momentum ?? double.NaN);
        }
    }

    [Fact]
    public void The_vectors_cover_every_documented_phase_layout()
    {
        var options = ReferenceVectors.NameList("one_cycle")
            .Select(name => ReferenceVectors.OneCycleOptionsFrom(ReferenceVectors.Case("one_cycle", name).GetProperty("params")))
            .ToList();

        Assert.Contains(options, o => o.ThreePhase && o.Anneal == AnnealStrategy.Cos);
        Assert.Contains(options, o => o.ThreePhase && o.Anneal == AnnealStrategy.Linear);
        Assert.Contains(options, o => !o.ThreePhase && o.Anneal == AnnealStrategy.Linear);
        Assert.Contains(options, o => !o.CycleMomentum);
        Assert.Contains(options, o => o.PctStart * o.TotalSteps % 1 != 0);
    }

    [Fact]
    public void The_last_step_is_total_steps_minus_one_and_the_next_is_out_of_range()
    {
        var schedule = new OneCycleSchedule(Valid);

        Assert.Equal(0.1 / 25 / 1e4, schedule.At(999).Lr, 1e-18);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(1000));
        Assert.Equal("step", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(-1));
    }

    [Fact]
    public void Two_phases_go_initial_to_max_to_min_with_momentum_opposite()
    {
        var schedule = new OneCycleSchedule(new OneCycleOptions(1.0, 101, PctStart: 0.5, Anneal: AnnealStrategy.Linear, DivFactor: 4, FinalDivFactor: 5));

        // Phase ends at 0.5 * 101 - 1 = 49.5 and 100.
        Assert.Equal(0.25, schedule.At(0).Lr, 1e-15);
        Assert.Equal(0.95, schedule.At(0).Momentum!.Value, 1e-15);
        Assert.Equal(0.25 + 0.75 * 49 / 49.5, schedule.At(49).Lr, 1e-14);
        Assert.Equal(1.0 + (0.05 - 1.0) * 0.5 / 50.5, schedule.At(50).Lr, 1e-14);
        Assert.Equal(0.05, schedule.At(100).Lr, 1e-15);
        Assert.Equal(0.95, schedule.At(100).Momentum!.Value, 1e-15);
    }

    [Fact]
    public void Three_phases_come_back_to_the_initial_rate_before_annealing_to_the_minimum()
    {
        var schedule = new OneCycleSchedule(new OneCycleOptions(1.0, 100, PctStart: 0.25, DivFactor: 10, FinalDivFactor: 100, ThreePhase: true));

        // Phase ends at 24, 48 and 99.
        Assert.Equal(1.0, schedule.At(24).Lr, 1e-15);
        Assert.Equal(0.85, schedule.At(24).Momentum!.Value, 1e-15);
        Assert.Equal(0.1, schedule.At(48).Lr, 1e-15);
        Assert.Equal(0.95, schedule.At(70).Momentum!.Value, 1e-15);
        Assert.Equal(0.001, schedule.At(99).Lr, 1e-15);
    }

    [Fact]
    public void Configurations_pytorch_cannot_evaluate_are_rejected_up_front()
    {
        JsonElement c = ReferenceVectors.Case("rejected", "one_cycle_warmup_of_one_step");
        OneCycleOptions options = ReferenceVectors.OneCycleOptionsFrom(c.GetProperty("params"));

        var error = Assert.Throws<ArgumentException>(() => new OneCycleSchedule(options));
        Assert.Equal("PctStart", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_names_the_field_and_its_allowed_range(OneCycleOptions options, string field, string range)
    {
        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(field, error.ParamName);
        Assert.Contains($"OneCycleOptions.{field}", error.Message, StringComparison.Ordinal);
        Assert.Contains(range, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_is_one_cycle()
    {
        Assert.Equal("one_cycle", new OneCycleSchedule(Valid).Policy);
    }
}
