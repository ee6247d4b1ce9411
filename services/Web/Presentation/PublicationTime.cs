using System.Globalization;

namespace NewsPlatform.Web.Presentation;

/// <summary>Settings of the publication the site shows (configuration "Publication", shared with the Articles service).</summary>
public sealed class Publication
{
    public string Title { get; set; } = "NewsPlatform Daily";

    /// <summary>IANA zone of the newsroom; every time on the site is shown in it (stored and sent in UTC).</summary>
    public string TimeZone { get; set; } = "Asia/Seoul";

    /// <summary>How readers name the zone ("KST"); unset, the offset is shown ("UTC+09:00").</summary>
    public string? TimeZoneLabel { get; set; } = "KST";

    /// <summary>The public site's address: canonical links, feeds and structured data name it.</summary>
    public string SiteUrl { get; set; } = "http://localhost:5000";

    public Uri Absolute(string path) => new($"{SiteUrl.TrimEnd('/')}/{path.TrimStart('/')}");
}

/// <summary>Times as the site prints them: in the publication's zone, with the UTC instant for machines.</summary>
public sealed class PublicationTime(TimeZoneInfo zone, string? label)
{
    public static PublicationTime For(Publication publication) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(publication.TimeZone),
            publication.TimeZone == "Asia/Seoul" || !string.IsNullOrWhiteSpace(publication.TimeZoneLabel) ? publication.TimeZoneLabel : null);

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone);

    /// <summary>The masthead's date: "Tuesday, December 1, 2026" in the newsroom's zone.</summary>
    public string Dateline(DateTimeOffset now) => Local(now).ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture);

    /// <summary>The date of the dateline as an ISO date, for <c>&lt;time datetime&gt;</c>.</summary>
    public string DatelineIso(DateTimeOffset now) => Local(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"2026-12-01 09:30 KST": the form the daily prints after Posted and Updated.</summary>
    public string Stamp(DateTimeOffset instant)
    {
        var local = Local(instant);
        return $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {ZoneName(local)}";
    }

    /// <summary>"Dec. 1, 2026": short dates for lists.</summary>
    public string ShortDate(DateTimeOffset instant)
    {
        var local = Local(instant);
        var month = local.ToString("MMM", CultureInfo.InvariantCulture);
        return $"{month}{(month == "May" ? "" : ".")} {local.Day}, {local.Year}";
    }

    /// <summary>The instant for <c>&lt;time datetime&gt;</c>: always UTC, to the second.</summary>
    public static string Iso(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string ZoneName(DateTimeOffset local) => label ?? $"UTC{(local.Offset < TimeSpan.Zero ? "-" : "+")}{local.Offset:hh\\:mm}";
}
