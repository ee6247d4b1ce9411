namespace NewsPlatform.Subscriptions.Mail;

/// <summary>
/// Mail settings (<c>Mail:*</c>), with the publication's own (<c>Publication:Title</c>, <c>:SiteUrl</c>,
/// <c>:TimeZone</c>) that links and send times are made from. The SMTP server is the connection string "mail".
/// </summary>
public sealed class MailSettings
{
    public string From { get; set; } = "newsletters@newsplatform.dev";
    public string PublicationTitle { get; set; } = "NewsPlatform";
    public string SiteUrl { get; set; } = "http://localhost:5000";
    public string TimeZone { get; set; } = "Asia/Seoul";

    /// <summary>How often the queue is looked at when nothing woke it (a mail queued here wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The morning briefing's local time (publication time zone).</summary>
    public TimeOnly BriefingAt { get; set; } = new(7, 0);
    public int BriefingStoriesPerSection { get; set; } = 3;

    /// <summary>The daily digest of followed sections' articles, local time.</summary>
    public TimeOnly DigestAt { get; set; } = new(18, 0);

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public string Link(string pathAndQuery) => SiteUrl.TrimEnd('/') + pathAndQuery;

    /// <summary>The right-hand side of every Message-Id: the site's host.</summary>
    public string MessageIdDomain => Uri.TryCreate(SiteUrl, UriKind.Absolute, out var site) ? site.Host : "newsplatform.dev";
}
