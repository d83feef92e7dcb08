namespace LrCluster.Core.Spec;

/// <summary>Collects problems while a spec is read so that the user sees all of them at once.</summary>
internal sealed class SpecErrors(string file)
{
    private readonly List<SpecError> _errors = [];

    public string File { get; } = file;

    public IReadOnlyList<SpecError> All => _errors;

    public void Add(int line, string path, string message) => _errors.Add(new SpecError(File, line, path, message));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new SpecException(_errors.OrderBy(e => e.Line).ToList());
        }
    }
}
