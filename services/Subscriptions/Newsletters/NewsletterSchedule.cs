namespace NewsPlatform.Subscriptions.Newsletters;

/// <summary>When a daily mail is due, in the publication's wall clock.</summary>
public static class NewsletterSchedule
{
    /// <summary>How long after its time a daily mail still goes out (a platform down at seven sends the briefing at nine, not at night).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(6);

    /// <summary>
    /// The local date whose mail at <paramref name="at"/> is due at <paramref name="now"/>: today's once its time has
    /// come, yesterday's until its window closes (a time just before midnight), otherwise none.
    /// </summary>
    public static DateOnly? DueEdition(DateTimeOffset now, TimeZoneInfo zone, TimeOnly at)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var date = DateOnly.FromDateTime(local);
        if (TimeOnly.FromDateTime(local) < at) date = date.AddDays(-1);
        return local - date.ToDateTime(at) < Window ? date : null;
    }
}
