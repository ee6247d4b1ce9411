using System.Globalization;

namespace NewsPlatform.Web.Presentation;

/// <summary>
/// A schedule as an editor types it: a wall-clock date and time in the publication's zone (the newsroom's),
/// from a <c>datetime-local</c> field, turned into the instant it names — whatever zone the editor's own
/// computer is in.
/// </summary>
public static class ScheduleTime
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>The instant of a local date and time in <paramref name="zone"/>, or null when it is no date and time.</summary>
    public static DateTimeOffset? Parse(string? local, TimeZoneInfo zone)
    {
        if (!DateTime.TryParseExact(local?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock)) return null;
        // A time the clocks skip (a zone with daylight saving) does not exist: it names nothing.
        if (zone.IsInvalidTime(wallClock)) return null;
        return new DateTimeOffset(wallClock, zone.GetUtcOffset(wallClock)).ToUniversalTime();
    }

    /// <summary>The field's value for an instant: its wall-clock time in the zone, to the second.</summary>
    public static string Format(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
