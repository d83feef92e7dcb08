using LrCluster.Grains.Slots;

namespace LrCluster.Grains.Tests;

/// <summary>
/// The slots' bookkeeping: only a trial's finished work announces a freed slot. Releasing a reservation that no claim
/// used announced one too, and since the worker claims again on every announcement, an idle silo claimed from its empty
/// queue in a loop (4 to 9 empty claims per trial in the orchestration benchmark).
/// </summary>
public sealed class SlotThreadsTests
{
    [Fact]
    public void Releasing_a_reservation_no_claim_used_announces_nothing()
    {
        using var slots = new SlotThreads(2, "test");
        var freed = 0;
        slots.Freed += () => Interlocked.Increment(ref freed);

        var reserved = slots.Reserve(2);
        Assert.Equal([0, 1], reserved);
        Assert.All(reserved, slot => Assert.True(slots.Free(slot)));

        Assert.Equal(0, freed);
        Assert.Equal(0, slots.Busy);
        Assert.Equal([0, 1], slots.Reserve(2));
    }

    [Fact]
    public async Task A_trials_finished_work_announces_its_freed_slot_once()
    {
        using var slots = new SlotThreads(1, "test");
        var freed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var announcements = 0;
        slots.Freed += () =>
        {
            Interlocked.Increment(ref announcements);
            freed.TrySetResult();
        };
        var slot = Assert.Single(slots.Reserve(1));
        slots.Assign(slot, "sweep/trial");

        await slots.Run(slot, "sweep/trial", () => { });
        await freed.Task;

        Assert.Equal(1, announcements);
        Assert.Equal(0, slots.Busy);
    }

    [Fact]
    public void A_start_for_another_trial_than_the_slot_was_claimed_for_is_refused()
    {
        using var slots = new SlotThreads(1, "test");
        var slot = Assert.Single(slots.Reserve(1));
        slots.Assign(slot, "sweep/a");

        Assert.Throws<InvalidOperationException>(() => { _ = slots.Run(slot, "sweep/b", () => { }); });
        Assert.Equal(1, slots.Busy);
    }
}
