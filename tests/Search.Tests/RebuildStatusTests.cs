using NewsPlatform.Search.Indexing;

namespace NewsPlatform.Search.Tests;

/// <summary>The rebuild's progress as pure arithmetic: two passes over the stored events.</summary>
public sealed class RebuildStatusTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0, 0L, 0.0)]
    [InlineData(0, 250, 250L, 12.5)]
    [InlineData(0, 1000, 1000L, 50.0)]
    [InlineData(1, 0, 1000L, 50.0)]
    [InlineData(1, 333, 1333L, 66.6)] // rounded down
    [InlineData(1, 999, 1999L, 99.9)]
    [InlineData(1, 1000, 2000L, 99.9)] // every event read, the index still finishing: not 100 % until it has ended
    [InlineData(1, 1200, 2000L, 99.9)] // events stored after the start are not counted
    [InlineData(0, -1, 0L, 0.0)]
    public void A_running_rebuild_counts_the_events_read_over_both_passes(int passesDone, long reached, long processed, double percent)
    {
        var status = RebuildStatus.RunningAt(Start, events: 1000, passesDone, reached);

        Assert.Equal(("running", 2000L, 1000L), (status.Phase, status.Total, status.Events));
        Assert.Equal((processed, percent), (status.Processed, status.Percent));
        Assert.Equal((Start, (DateTimeOffset?)null), (status.StartedAt, status.FinishedAt));
    }

    [Fact]
    public void An_empty_store_is_at_0_percent_while_running_and_100_once_completed()
    {
        var running = RebuildStatus.RunningAt(Start, events: 0, passesDone: 1, reached: 0);
        Assert.Equal((0L, 0L, 0.0), (running.Processed, running.Total, running.Percent));

        var completed = running.CompletedAt(Start.AddSeconds(1));
        Assert.Equal(("completed", 100.0), (completed.Phase, completed.Percent));
    }

    [Fact]
    public void A_completed_rebuild_has_processed_everything_and_its_rate_a_failed_one_keeps_its_progress()
    {
        var running = RebuildStatus.RunningAt(Start, events: 1000, passesDone: 1, reached: 1000);

        var completed = running.CompletedAt(Start.AddSeconds(4));
        Assert.Equal(("completed", 2000L, 2000L, 100.0), (completed.Phase, completed.Processed, completed.Total, completed.Percent));
        Assert.Equal((Start.AddSeconds(4), 250.0), (completed.FinishedAt!.Value, completed.EventsPerSecond!.Value));

        var failed = RebuildStatus.RunningAt(Start, events: 1000, passesDone: 0, reached: 400).FailedAt(Start.AddSeconds(2), "disk full");
        Assert.Equal(("failed", 400L, 20.0, "disk full"), (failed.Phase, failed.Processed, failed.Percent, failed.Error));
        Assert.Equal(Start.AddSeconds(2), failed.FinishedAt);
    }

    [Fact]
    public void Before_any_rebuild_the_status_is_idle()
    {
        Assert.Equal(("idle", 0L, 0L, 0.0), (RebuildStatus.None.Phase, RebuildStatus.None.Processed, RebuildStatus.None.Total, RebuildStatus.None.Percent));
        Assert.Null(RebuildStatus.None.StartedAt);
    }
}
