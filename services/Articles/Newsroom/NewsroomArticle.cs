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
    LeadPhoto? LeadPhoto,
    bool IsPremium,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ScheduledFor,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset LastChangedAt,
    string LastChangedBy)
{
    public static NewsroomArticle From(Article article) => new(
        article.Id, article.Version, article.Status, article.Slug,
        article.Copy.Headline, article.Copy.Summary, article.Copy.Body, article.Copy.Section, article.Copy.Subsection,
        article.Copy.Byline, article.Copy.SourceCredit, article.Copy.Tags, article.Copy.LeadPhoto, article.Copy.IsPremium,
        article.CreatedAt, article.ScheduledFor, article.PublishedAt, article.UpdatedAt, article.LastChangedAt, article.LastChangedBy);
}
