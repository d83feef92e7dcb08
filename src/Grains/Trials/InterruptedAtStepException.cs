namespace LrCluster.Grains.Trials;

/// <summary>A trial stopped between two steps, with the trainer's state at <see cref="NextStep"/>: checkpointed before it goes back to the queue.</summary>
internal sealed class InterruptedAtStepException(long nextStep, byte[] state) : Exception($"interrupted before step {nextStep}")
{
    public long NextStep { get; } = nextStep;

    public byte[] State { get; } = state;
}
