namespace LrCluster.Core.RangeTest;

/// <summary>Argument checks shared by the ladders, so every ladder words its errors the same way.</summary>
internal static class LadderGuard
{
    public static void PositiveFinite(double value, string paramName)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number greater than 0.");
        }
    }

    public static void Above(double value, double lowerBound, string paramName, string lowerBoundName)
    {
        if (!double.IsFinite(value) || value <= lowerBound)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number greater than {lowerBoundName} ({lowerBound}).");
        }
    }

    public static void AtLeast(int value, int minimum, string paramName)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be at least {minimum}.");
        }
    }

    public static void Step(int step, int stepCount)
    {
        if (step < 0 || step >= stepCount)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"step must be in [0, {stepCount - 1}].");
        }
    }
}
