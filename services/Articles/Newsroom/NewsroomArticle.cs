using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>An article as the newsroom sees it, in any state, with the version to base a change on.</summary>
public sealed record NewsroomArticle(
    Guid Id,
    long Version,
    ArticleStatus Status,
    string? Slug,
    string Headline,
    string? Summary,
    string Body,
    string Section,
    string? Subsection,
    string? Byline,
    string? SourceCredit,
    IReadOnlyList<string> Tags,
    ArticlePhoto? LeadPhoto,
    bool IsPremium,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ScheduledFor,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset LastChangedAt,
    string LastChangedBy,
    ArticleKind Kind,
    IReadOnlyList<ArticlePhoto> Gallery,
    IReadOnlyList<PublishedCorrection> Corrections,
    string? CreatedBy,
    string LastChangedByName)
{
    /// <summary>The article with the name of whoever changed it last.</summary>
    public static async Task<NewsroomArticle> NamedAsync(Article article, Marten.IQuerySession session, CancellationToken cancellationToken) =>
        From(article, await NewsroomStaff.NamesAsync(session, [article.LastChangedBy], cancellationToken));

    public static NewsroomArticle From(Article article, Func<string, string>? names = null) => new(
        article.Id, article.Version, article.Status, article.Slug,
        article.Copy.Headline, article.Copy.Summary, article.Copy.Body, article.Copy.Section, article.Copy.Subsection,
        article.Copy.Byline, article.Copy.SourceCredit, article.Copy.Tags, article.Copy.LeadPhoto, article.Copy.IsPremium,
        article.CreatedAt, article.ScheduledFor, article.PublishedAt, article.UpdatedAt, article.LastChangedAt, article.LastChangedBy,
        article.Copy.Kind, article.Copy.Gallery ?? [], article.Corrections ?? [], article.CreatedBy,
        names?.Invoke(article.LastChangedBy) ?? article.LastChangedBy);
}
