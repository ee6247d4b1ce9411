namespace NewsPlatform.Contracts.Articles;

// Published by the Articles service from its event store, at least once. Every message carries the
// article id and the version of the article's stream after the change, so a consumer can drop a
// duplicate (same version) or a stale copy (older version). Change these records only additively.

/// <summary>What a reader sees of a published article, as carried by the article events.</summary>
public sealed record ArticleContent(
    string Slug,
    string Headline,
    string? Summary,
    string BodyText, // the body without markup, for indexing and feeds
    string Section,
    string? Subsection,
    IReadOnlyList<string> Tags,
    string? Byline,
    string? SourceCredit,
    bool IsPremium,
    string? Teaser = null); // the first paragraph without markup: all that a premium article shows to non-subscribers

/// <summary>An article went live (first publication, or republished after being taken down).</summary>
public sealed record ArticlePublished(
    Guid ArticleId,
    long Version,
    ArticleContent Content,
    DateTimeOffset PublishedAt,
    DateTimeOffset? UpdatedAt);

/// <summary>A published article was corrected; readers see it as <c>Updated</c>.</summary>
public sealed record ArticleUpdated(
    Guid ArticleId,
    long Version,
    ArticleContent Content,
    DateTimeOffset PublishedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A published article was taken down (from the section it was in: its fronts change).</summary>
public sealed record ArticleUnpublished(
    Guid ArticleId,
    long Version,
    string Slug,
    DateTimeOffset UnpublishedAt,
    string? Section = null);
