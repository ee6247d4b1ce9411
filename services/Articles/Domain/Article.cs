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

    /// <summary>Who drafted it (older states, folded before this was kept, have none).</summary>
    public string? CreatedBy { get; init; }

    /// <summary>Every correction published with a note, oldest first: readers see them under the article.</summary>
    public IReadOnlyList<PublishedCorrection> Corrections { get; init; } = [];

    public bool IsLive => Status == ArticleStatus.Published;
}

/// <summary>A correction readers are told about: what was wrong, and when it was put right.</summary>
public sealed record PublishedCorrection(string Note, DateTimeOffset At);
