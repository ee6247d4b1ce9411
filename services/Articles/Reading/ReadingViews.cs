using NewsPlatform.Articles.Domain;
using NewsPlatform.Contracts.Sections;
using NewsPlatform.Articles.Projections;

namespace NewsPlatform.Articles.Reading;

/// <summary>An article in a list: section fronts, related, most read.</summary>
public sealed record ArticleSummary(
    Guid Id, string Slug, string Headline, string? Summary, string Section, string? Subsection,
    string? Byline, string? SourceCredit, IReadOnlyList<string> Tags, ArticlePhoto? LeadPhoto, bool IsPremium,
    DateTimeOffset PublishedAt, DateTimeOffset? UpdatedAt, ArticleKind Kind = ArticleKind.Story, int GalleryPhotos = 0)
{
    public static ArticleSummary From(ArticlePage page)
    {
        var a = page.Article;
        return new(a.Id, a.Slug!, a.Copy.Headline, a.Copy.Summary, a.Copy.Section, a.Copy.Subsection, a.Copy.Byline,
            a.Copy.SourceCredit, a.Copy.Tags, a.Copy.LeadPhoto ?? a.Copy.Gallery?.FirstOrDefault(), a.Copy.IsPremium, a.PublishedAt!.Value, a.UpdatedAt,
            a.Copy.Kind, a.Copy.Gallery?.Count ?? 0);
    }
}

/// <summary>A correction as readers see it under the article and on the corrections page.</summary>
public sealed record CorrectionNotice(string Note, DateTimeOffset At, DateTimeOffset AtLocal);

/// <summary>
/// One article page. For a premium article and a reader without access, <see cref="Body"/> holds
/// only the first paragraph (and <see cref="Gallery"/> its first photo) and <see cref="Locked"/> is true.
/// </summary>
public sealed record ArticleDetail(
    Guid Id, string Slug, string Headline, string? Summary, string Body, bool Locked,
    string Section, string SectionName, string? Subsection, string? SubsectionName,
    string? Byline, string? SourceCredit, IReadOnlyList<string> Tags, ArticlePhoto? LeadPhoto, bool IsPremium,
    DateTimeOffset PublishedAt, DateTimeOffset? UpdatedAt,
    // the same two times in the publication's time zone, as the page shows them
    DateTimeOffset PostedLocal, DateTimeOffset? UpdatedLocal, string TimeZone,
    ArticleKind Kind, IReadOnlyList<ArticlePhoto> Gallery, IReadOnlyList<CorrectionNotice> Corrections)
{
    /// <summary>The page of <paramref name="article"/> for a reader with or without access to its premium text.</summary>
    /// <param name="postedAt">When it went live (a preview passes when it would).</param>
    public static ArticleDetail Of(Article article, string teaser, bool locked, DateTimeOffset postedAt, Publication publication)
    {
        var zone = publication.Zone;
        var copy = article.Copy;
        var section = SectionTree.Find(copy.Section);
        var gallery = copy.Gallery ?? [];
        return new ArticleDetail(
            article.Id, article.Slug ?? "", copy.Headline, copy.Summary, locked ? teaser : copy.Body, locked,
            copy.Section, section?.Name ?? copy.Section,
            copy.Subsection, copy.Subsection is { } sub ? section?.FindSubsection(sub)?.Name : null,
            copy.Byline, copy.SourceCredit, copy.Tags, copy.LeadPhoto, copy.IsPremium,
            postedAt, article.UpdatedAt,
            TimeZoneInfo.ConvertTime(postedAt, zone),
            article.UpdatedAt is { } updated ? TimeZoneInfo.ConvertTime(updated, zone) : null,
            publication.TimeZone,
            copy.Kind, locked ? gallery.Take(1).ToList() : gallery,
            (article.Corrections ?? []).Select(c => new CorrectionNotice(c.Note, c.At, TimeZoneInfo.ConvertTime(c.At, zone))).ToList());
    }
}
