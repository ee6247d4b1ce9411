namespace NewsPlatform.Articles.Domain;

public enum ArticleStatus { Draft, Published }

/// <summary>
/// An article as its stream has made it, folded from its events by <see cref="ArticleDecider.Evolve"/>.
/// </summary>
public sealed record Article(
    Guid Id,
    ArticleStatus Status,
    ArticleCopy Copy,
    string? Slug,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? UpdatedAt);
