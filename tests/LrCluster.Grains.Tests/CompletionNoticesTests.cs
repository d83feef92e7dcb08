using LrCluster.Grains.Sweeps;

namespace LrCluster.Grains.Tests;

/// <summary>
/// The coordinator's count of finished-trial notices: the phase wait asks the store only once every trial of its phase
/// has sent one (or on a cancel, or its fallback poll), so a notice costs no round trip.
/// </summary>
public sealed class CompletionNoticesTests
{
    [Fact]
    public void A_phase_has_all_its_notices_only_once_each_of_its_trials_sent_one()
    {
        var notices = new CompletionNotices();
        notices.Expect(["a", "b"]);

        notices.Finished("a");
        notices.Finished("a");
        Assert.False(notices.AllArrived);
        notices.Finished("old-phase-trial");
        Assert.False(notices.AllArrived);
        notices.Finished("b");

        Assert.True(notices.AllArrived);
    }

    [Fact]
    public void A_new_phase_starts_counting_from_nothing()
    {
        var notices = new CompletionNotices();
        notices.Expect(["a"]);
        notices.Finished("a");

        notices.Expect(["c1", "c2"]);

        Assert.False(notices.AllArrived);
    }

    [Fact]
    public async Task Every_notice_and_a_cancel_wake_the_waiting_phase()
    {
        var notices = new CompletionNotices();
        notices.Expect(["a", "b"]);
        var first = notices.Next();
        notices.Finished("a");
        await first.WaitAsync(TimeSpan.FromSeconds(10));

        var second = notices.Next();
        Assert.False(second.IsCompleted);
        notices.Cancelled();
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(notices.CancelRequested);
    }
}
