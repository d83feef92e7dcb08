using System.Text.Json;
using LrCluster.Core.Schedules;

namespace LrCluster.Core.Tests.Schedules;

public sealed class CyclicScheduleTests
{
    public static TheoryData<string> TorchCases => ReferenceVectors.Names("cyclic");

    [Theory]
    [MemberData(nameof(TorchCases))]
    public void Learning_rate_matches_pytorch_cycliclr_at_every_step(string name)
    {
        JsonElement c = ReferenceVectors.Case("cyclic", name);
        var schedule = new CyclicSchedule(ReferenceVectors.CyclicOptionsFrom(c.GetProperty("params")));

        ReferenceAssert.AllClose($"{name} lr", ReferenceVectors.Doubles(c.GetProperty("lr")), i => schedule.At(i).Lr);
    }

    [Theory]
    [MemberData(nameof(TorchCases))]
    public void Momentum_matches_pytorch_when_cycled_and_is_absent_otherwise(string name)
    {
        JsonElement c = ReferenceVectors.Case("cyclic", name);
        var schedule = new CyclicSchedule(ReferenceVectors.CyclicOptionsFrom(c.GetProperty("params")));
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
    public void Configurations_pytorch_cannot_evaluate_are_rejected_up_front()
    {
        JsonElement c = ReferenceVectors.Case("rejected", "cyclic_zero_step_up");
        CyclicOptions options = ReferenceVectors.CyclicOptionsFrom(c.GetProperty("params"));

        var error = Assert.Throws<ArgumentException>(() => new CyclicSchedule(options));
        Assert.Equal("StepSizeUp", error.ParamName);
    }

    [Theory]
    [InlineData(CyclicMode.Triangular, "triangular")]
    [InlineData(CyclicMode.Triangular2, "triangular2")]
    [InlineData(CyclicMode.ExpRange, "exp_range")]
    public void Policy_is_named_after_the_built_in_mode(CyclicMode mode, string policy)
    {
        var schedule = new CyclicSchedule(new CyclicOptions(0.1, 1.0, 10, Mode: mode, Gamma: 0.99));

        Assert.Equal(policy, schedule.Policy);
    }

    [Fact]
    public void Policy_is_custom_whenever_a_scale_function_is_given()
    {
        var schedule = new CyclicSchedule(new CyclicOptions(0.1, 1.0, 10, Mode: CyclicMode.Triangular2, ScaleFn: _ => 1.0));

        Assert.Equal("custom", schedule.Policy);
    }

    [Fact]
    public void A_custom_scale_function_without_a_scale_mode_is_evaluated_on_the_cycle_number()
    {
        var seen = new List<double>();
        var schedule = new CyclicSchedule(new CyclicOptions(0.0, 1.0, 2, ScaleFn: x => { seen.Add(x); return 1.0; }));

        schedule.At(0);
        schedule.At(5);
        schedule.At(9);

        Assert.Equal([1.0, 2.0, 3.0], seen);
    }

    [Fact]
    public void A_custom_scale_function_in_iterations_mode_sees_the_global_step()
    {
        var seen = new List<double>();
        var schedule = new CyclicSchedule(
            new CyclicOptions(0.0, 1.0, 2, ScaleFn: x => { seen.Add(x); return 1.0; }, ScaleMode: ScaleMode.Iterations));

        schedule.At(0);
        schedule.At(5);
        schedule.At(9);

        Assert.Equal([0.0, 5.0, 9.0], seen);
    }

    [Fact]
    public void Triangular_peaks_at_max_after_step_size_up_and_returns_to_base_after_the_down_steps()
    {
        var schedule = new CyclicSchedule(new CyclicOptions(0.25, 2.25, 4, StepSizeDown: 8, CycleMomentum: true));

        AssertValue(0.25, 0.9, schedule.At(0));
        AssertValue(2.25, 0.8, schedule.At(4));
        AssertValue(1.25, 0.85, schedule.At(8));
        AssertValue(0.25, 0.9, schedule.At(12));
        AssertValue(1.75, 0.825, schedule.At(15));
    }

    [Fact]
    public void Is_a_pure_function_of_the_step()
    {
        var schedule = new CyclicSchedule(new CyclicOptions(0.001, 0.006, 7, Mode: CyclicMode.ExpRange, Gamma: 0.99));

        ScheduleValue later = schedule.At(123);
        schedule.At(5);
        schedule.At(4000);

        Assert.Equal(later, schedule.At(123));
    }

    [Fact]
    public void A_negative_step_is_out_of_range()
    {
        var schedule = new CyclicSchedule(new CyclicOptions(0.1, 1.0, 10));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(-1));
        Assert.Equal("step", error.ParamName);
    }

    private static void AssertValue(double lr, double momentum, ScheduleValue actual)
    {
        Assert.Equal(lr, actual.Lr, 1e-14);
        Assert.NotNull(actual.Momentum);
        Assert.Equal(momentum, actual.Momentum.Value, 1e-14);
    }
}
