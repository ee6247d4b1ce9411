namespace NewsPlatform.Articles.Domain;

// The events of one article's stream. The stream is the article's revision history, so every
// event says who did it and when. Stored by Marten under its type name: rename only with an alias.

/// <summary>The editable content of an article, as an editor last saved it.</summary>
public sealed record ArticleCopy(
    string Headline,
    string? Summary,
    string Body,
    string Section,
    string? Subsection,
    string? Byline,
    IReadOnlyList<string> Tags,
    bool IsPremium);

public sealed record ArticleDrafted(Guid ArticleId, ArticleCopy Copy, string By, DateTimeOffset At);

/// <summary>The article went live under <paramref name="Slug"/>, which stays its URL from then on.</summary>
public sealed record ArticlePublished(Guid ArticleId, string Slug, string By, DateTimeOffset At);
