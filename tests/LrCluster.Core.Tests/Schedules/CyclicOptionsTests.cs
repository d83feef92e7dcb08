using LrCluster.Core.Schedules;

namespace LrCluster.Core.Tests.Schedules;

public sealed class CyclicOptionsTests
{
    private static readonly CyclicOptions Valid = new(0.001, 0.006, 2000);

    public static TheoryData<CyclicOptions, string, string> InvalidOptions => new()
    {
        { Valid with { BaseLr = -1e-3 }, "BaseLr", ">= 0" },
        { Valid with { BaseLr = double.NaN }, "BaseLr", ">= 0" },
        { Valid with { MaxLr = 0.0005 }, "MaxLr", ">= BaseLr (0.001)" },
        { Valid with { MaxLr = double.PositiveInfinity }, "MaxLr", "finite" },
        { Valid with { StepSizeUp = 0 }, "StepSizeUp", ">= 1" },
        { Valid with { StepSizeDown = -1 }, "StepSizeDown", ">= 0" },
        { Valid with { Mode = (CyclicMode)7 }, "Mode", "Triangular, Triangular2 or ExpRange" },
        { Valid with { Gamma = 0 }, "Gamma", "(0, 1]" },
        { Valid with { Gamma = 1.01 }, "Gamma", "(0, 1]" },
        { Valid with { ScaleMode = (ScaleMode)5, ScaleFn = x => 1 }, "ScaleMode", "Cycle or Iterations" },
        { Valid with { Mode = CyclicMode.ExpRange, ScaleMode = ScaleMode.Cycle }, "ScaleMode", "Iterations for Mode ExpRange" },
        { Valid with { ScaleMode = ScaleMode.Iterations }, "ScaleMode", "Cycle for Mode Triangular" },
        { Valid with { BaseMomentum = -0.1 }, "BaseMomentum", "[0, 1]" },
        { Valid with { MaxMomentum = 0.7 }, "MaxMomentum", "[BaseMomentum (0.8), 1]" },
        { Valid with { MaxMomentum = 1.5 }, "MaxMomentum", "[BaseMomentum (0.8), 1]" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_names_the_field_and_its_allowed_range(CyclicOptions options, string field, string range)
    {
        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(field, error.ParamName);
        Assert.Contains($"CyclicOptions.{field}", error.Message, StringComparison.Ordinal);
        Assert.Contains(range, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_accepts_the_defaults_a_sawtooth_and_a_matching_explicit_scale_mode()
    {
        Valid.Validate();
        (Valid with { StepSizeDown = 0 }).Validate();
        (Valid with { Mode = CyclicMode.ExpRange, Gamma = 0.99994, ScaleMode = ScaleMode.Iterations }).Validate();
        (Valid with { ScaleFn = x => 1, ScaleMode = ScaleMode.Iterations }).Validate();

        // The calls above would have thrown; a schedule built from them must also work.
        Assert.Equal(0.001, new CyclicSchedule(Valid with { StepSizeDown = 0 }).At(0).Lr);
    }
}
