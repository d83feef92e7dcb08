namespace LrCluster.Core.Spec;

/// <summary>Thrown when a spec is refused; carries every problem, not just the first.</summary>
public sealed class SpecException : Exception
{
    public SpecException(IReadOnlyList<SpecError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<SpecError> Errors { get; }
}
