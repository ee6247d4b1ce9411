using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>An article as the newsroom sees it, in any state, with the version to base a change on.</summary>
public sealed record NewsroomArticle(
    Guid Id,
    long Version,
    string Status,
    string? Slug,
    string Headline,
    string? Summary,
    string Body,
    string Section,
    string? Subsection,
    string? Byline,
    IReadOnlyList<string> Tags,
    bool IsPremium,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? UpdatedAt)
{
    public static NewsroomArticle From(Article article, long version) => new(
        article.Id, version, article.Status.ToString().ToLowerInvariant(), article.Slug,
        article.Copy.Headline, article.Copy.Summary, article.Copy.Body, article.Copy.Section, article.Copy.Subsection,
        article.Copy.Byline, article.Copy.Tags, article.Copy.IsPremium,
        article.CreatedAt, article.PublishedAt, article.UpdatedAt);
}
