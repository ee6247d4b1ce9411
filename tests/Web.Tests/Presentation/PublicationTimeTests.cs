using NewsPlatform.Web.Presentation;

namespace NewsPlatform.Web.Tests.Presentation;

public sealed class PublicationTimeTests
{
    private static readonly PublicationTime Seoul = PublicationTime.For(new Publication { TimeZone = "Asia/Seoul", TimeZoneLabel = "KST" });

    [Fact]
    public void Times_are_shown_in_the_newsrooms_zone_with_its_name_and_carry_the_utc_instant()
    {
        var published = new DateTimeOffset(2026, 11, 30, 16, 5, 0, TimeSpan.Zero);
        Assert.Equal("2026-12-01 01:05 KST", Seoul.Stamp(published));
        Assert.Equal("2026-11-30T16:05:00Z", PublicationTime.Iso(published));
        Assert.Equal("2026-11-30T16:05:00Z", PublicationTime.Iso(published.ToOffset(TimeSpan.FromHours(9))));
    }

    [Fact]
    public void The_masthead_date_turns_at_midnight_in_seoul_not_in_utc()
    {
        var beforeSeoulMidnight = new DateTimeOffset(2026, 11, 30, 14, 59, 0, TimeSpan.Zero);
        var afterSeoulMidnight = beforeSeoulMidnight.AddMinutes(2);
        Assert.Equal("Monday, November 30, 2026", Seoul.Dateline(beforeSeoulMidnight));
        Assert.Equal("Tuesday, December 1, 2026", Seoul.Dateline(afterSeoulMidnight));
        Assert.Equal("2026-12-01", Seoul.DatelineIso(afterSeoulMidnight));
    }

    [Fact]
    public void Short_dates_abbreviate_the_month_and_a_zone_without_a_name_shows_its_offset()
    {
        var instant = new DateTimeOffset(2026, 5, 3, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal("May 3, 2026", Seoul.ShortDate(instant));
        Assert.Equal("Jan. 9, 2027", Seoul.ShortDate(new DateTimeOffset(2027, 1, 9, 0, 0, 0, TimeSpan.Zero)));

        var london = PublicationTime.For(new Publication { TimeZone = "Europe/London", TimeZoneLabel = null });
        Assert.Equal("2026-05-03 13:00 UTC+01:00", london.Stamp(instant)); // summer time
        Assert.Equal("2026-12-03 12:00 UTC+00:00", london.Stamp(instant.AddMonths(7)));
    }
}
