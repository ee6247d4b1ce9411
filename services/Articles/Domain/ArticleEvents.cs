namespace NewsPlatform.Articles.Domain;

// The events of one article's stream. The stream is the article's revision history, so every
// event says who did it and when. Stored by Marten under its type name: rename only with an alias,
// and change shapes only additively (old events must still read).

/// <summary>One served size of an uploaded photo (a JPEG without the camera's metadata).</summary>
public sealed record PhotoSize(int Width, int Height, string Url);

/// <summary>
/// A photo on an article's page: the lead photo, or one of a gallery's. A photo uploaded to the newsroom
/// carries its id, its size and the sizes it is served in (the events name the photo, never its bytes); an
/// older one only the address an editor typed.
/// </summary>
public sealed record ArticlePhoto(
    string Url, string? Caption, string? Credit,
    Guid? PhotoId = null, int? Width = null, int? Height = null, IReadOnlyList<PhotoSize>? Sizes = null);

/// <summary>A story is text with an optional lead photo; a gallery is an ordered set of captioned photos.</summary>
public enum ArticleKind { Story, Gallery }

/// <summary>The editable content of an article, as an editor last saved it (body already sanitised).</summary>
public sealed record ArticleCopy(
    string Headline,
    string? Summary,
    string Body,
    string Section,
    string? Subsection,
    string? Byline,
    IReadOnlyList<string> Tags,
    bool IsPremium,
    string? SourceCredit = null,
    ArticlePhoto? LeadPhoto = null,
    ArticleKind Kind = ArticleKind.Story,
    IReadOnlyList<ArticlePhoto>? Gallery = null);

public sealed record ArticleDrafted(Guid ArticleId, ArticleCopy Copy, string By, DateTimeOffset At);

/// <summary>The copy of an article that is not live (draft, scheduled or taken down) changed.</summary>
/// <param name="RestoredFrom">The earlier version whose copy this is, when an editor restored one.</param>
public sealed record ArticleRevised(Guid ArticleId, ArticleCopy Copy, string By, DateTimeOffset At, long? RestoredFrom = null);

/// <summary>The article will go live at <paramref name="PublishAt"/> unless the schedule is cancelled.</summary>
public sealed record ArticleScheduled(Guid ArticleId, DateTimeOffset PublishAt, string By, DateTimeOffset At);

public sealed record ArticleScheduleCancelled(Guid ArticleId, string By, DateTimeOffset At);

/// <summary>The article went live under <paramref name="Slug"/>, which stays its URL from then on.</summary>
public sealed record ArticlePublished(Guid ArticleId, string Slug, string By, DateTimeOffset At);

/// <summary>A live article's copy changed; readers see it as <c>Updated</c>, and the note (if any) as a correction.</summary>
public sealed record ArticleCorrected(Guid ArticleId, ArticleCopy Copy, string? Note, string By, DateTimeOffset At, long? RestoredFrom = null);

/// <summary>The article was taken down; its slug stays reserved for it.</summary>
public sealed record ArticleUnpublished(Guid ArticleId, string? Reason, string By, DateTimeOffset At);
