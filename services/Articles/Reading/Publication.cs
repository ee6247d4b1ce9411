namespace NewsPlatform.Articles.Reading;

/// <summary>Settings of the publication as a whole (configuration section "Publication").</summary>
public sealed class Publication
{
    /// <summary>IANA zone the pages show times in; times are stored and sent in UTC.</summary>
    public string TimeZone { get; set; } = "Asia/Seoul";

    /// <summary>The public site's address, for links in feeds and the sitemap.</summary>
    public string SiteUrl { get; set; } = "https://news.example";

    public string Title { get; set; } = "NewsPlatform Daily";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public Uri ArticleUrl(string slug) => new($"{SiteUrl.TrimEnd('/')}/articles/{slug}");
}
