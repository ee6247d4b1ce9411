using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Projections;

namespace NewsPlatform.Articles.Reading;

/// <summary>An article in a list: section fronts, related, most read.</summary>
public sealed record ArticleSummary(
    Guid Id, string Slug, string Headline, string? Summary, string Section, string? Subsection,
    string? Byline, string? SourceCredit, IReadOnlyList<string> Tags, LeadPhoto? LeadPhoto, bool IsPremium,
    DateTimeOffset PublishedAt, DateTimeOffset? UpdatedAt)
{
    public static ArticleSummary From(ArticlePage page)
    {
        var a = page.Article;
        return new(a.Id, a.Slug!, a.Copy.Headline, a.Copy.Summary, a.Copy.Section, a.Copy.Subsection, a.Copy.Byline,
            a.Copy.SourceCredit, a.Copy.Tags, a.Copy.LeadPhoto, a.Copy.IsPremium, a.PublishedAt!.Value, a.UpdatedAt);
    }
}

/// <summary>
/// One article page. For a premium article and a reader without access, <see cref="Body"/> holds
/// only the first paragraph and <see cref="Locked"/> is true.
/// </summary>
public sealed record ArticleDetail(
    Guid Id, string Slug, string Headline, string? Summary, string Body, bool Locked,
    string Section, string SectionName, string? Subsection, string? SubsectionName,
    string? Byline, string? SourceCredit, IReadOnlyList<string> Tags, LeadPhoto? LeadPhoto, bool IsPremium,
    DateTimeOffset PublishedAt, DateTimeOffset? UpdatedAt,
    // the same two times in the publication's time zone, as the page shows them
    DateTimeOffset PostedLocal, DateTimeOffset? UpdatedLocal, string TimeZone);
