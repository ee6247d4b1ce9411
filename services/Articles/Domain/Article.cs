namespace NewsPlatform.Articles.Domain;

public enum ArticleStatus { Draft, Scheduled, Published, Unpublished }

/// <summary>
/// An article as its stream has made it, folded from its events by <see cref="ArticleDecider.Evolve"/>.
/// <see cref="Version"/> is the stream version the state reflects (set by the projection).
/// </summary>
public sealed record Article(
    Guid Id,
    ArticleStatus Status,
    ArticleCopy Copy,
    string? Slug,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ScheduledFor,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset LastChangedAt,
    string LastChangedBy)
{
    public long Version { get; init; }

    public bool IsLive => Status == ArticleStatus.Published;
}
