namespace NewsPlatform.Web.Platform;

// What the services' public APIs answer, as far as the site reads it (camelCase JSON, UTC times).

public sealed record SubsectionInfo(string Slug, string Name);

public sealed record SectionInfo(string Slug, string Name, IReadOnlyList<SubsectionInfo> Subsections)
{
    public SubsectionInfo? Subsection(string? slug) => slug is null ? null : Subsections.FirstOrDefault(s => s.Slug == slug);
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>One served size of an uploaded photo (the gateway serves them at <c>/photos/{id}/{width}.jpg</c>), narrowest first.</summary>
public sealed record PhotoSize(int Width, int Height, string Url);

/// <summary>
/// A photo on a page: an article's lead photo, or one of a gallery's. An uploaded photo has its id, its own size and the
/// sizes it is served in; an older one (an address an editor typed) only its address.
/// </summary>
public sealed record ArticlePhoto(
    string Url, string? Caption, string? Credit,
    Guid? PhotoId = null, int? Width = null, int? Height = null, IReadOnlyList<PhotoSize>? Sizes = null);

/// <summary>The kinds of article the Articles service answers (<c>kind</c>): a story is text, a gallery an ordered set of photos.</summary>
public static class ArticleKinds
{
    public const string Story = "story";
    public const string Gallery = "gallery";
}

/// <summary>An article in a list: fronts, related, most read. A gallery's lead photo is its first, unless an editor chose one.</summary>
public sealed record ArticleSummary(
    Guid Id, string Slug, string Headline, string? Summary, string Section, string? Subsection,
    string? Byline, string? SourceCredit, IReadOnlyList<string> Tags, ArticlePhoto? LeadPhoto, bool IsPremium,
    DateTimeOffset PublishedAt, DateTimeOffset? UpdatedAt, string? Kind = ArticleKinds.Story, int GalleryPhotos = 0)
{
    public bool IsGallery => Kind == ArticleKinds.Gallery;
}

/// <summary>A correction as readers see it under the article: what was put right, and when (UTC, and in the publication's zone).</summary>
public sealed record CorrectionNotice(string Note, DateTimeOffset At, DateTimeOffset AtLocal);

/// <summary>
/// One article page as the Articles service answers it: <see cref="Locked"/> means the body is only the teaser (and a
/// gallery only its first photo).
/// </summary>
public sealed record ArticleDetail(
    Guid Id, string Slug, string Headline, string? Summary, string Body, bool Locked,
    string Section, string SectionName, string? Subsection, string? SubsectionName,
    string? Byline, string? SourceCredit, IReadOnlyList<string> Tags, ArticlePhoto? LeadPhoto, bool IsPremium,
    DateTimeOffset PublishedAt, DateTimeOffset? UpdatedAt, string TimeZone,
    string? Kind = ArticleKinds.Story, IReadOnlyList<ArticlePhoto>? Gallery = null, IReadOnlyList<CorrectionNotice>? Corrections = null)
{
    public bool IsGallery => Kind == ArticleKinds.Gallery;

    /// <summary>A gallery's photos in order (none for a story, only the first while locked).</summary>
    public IReadOnlyList<ArticlePhoto> Photos => Gallery ?? [];

    /// <summary>The corrections with a note, oldest first, as they are printed under the article.</summary>
    public IReadOnlyList<CorrectionNotice> CorrectionsInOrder => (Corrections ?? []).OrderBy(c => c.At).ToList();
}

/// <summary>One correction on the corrections page (<c>/api/corrections</c>, newest first): the article it put right, and when.</summary>
public sealed record CorrectionEntry(
    Guid ArticleId, string Slug, string Headline, string Section, string SectionName,
    string Note, DateTimeOffset At, DateTimeOffset AtLocal);

public sealed record SearchHit(
    Guid Id, string Slug, string Headline, string Section, string? Subsection, string? Byline,
    DateTimeOffset PublishedAt, DateTimeOffset? UpdatedAt, bool IsPremium, string Snippet);

public sealed record SectionFacet(string Section, long Count);

public sealed record SearchResults(
    IReadOnlyList<SearchHit> Items, int Page, int PageSize, long Total, IReadOnlyList<SectionFacet> Facets, string? DidYouMean);

public sealed record Suggestion(Guid Id, string Slug, string Headline, string Section, DateTimeOffset PublishedAt);

public sealed record Plan(string Code, string Name, long PriceKrw, string Period, bool IncludesPremium);

public sealed record TokenPair(string AccessToken, int ExpiresIn, DateTimeOffset ExpiresAt, string RefreshToken);

public sealed record SubscriptionView(
    Guid Id, string PlanCode, string PlanName, long PriceKrw, string Status,
    DateTimeOffset RequestedAt, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd, DateTimeOffset? CancelledAt,
    bool GivesAccess, string? EndReason);

public sealed record ReaderProfile(
    Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, DateTimeOffset RegisteredAt, SubscriptionView? Subscription,
    bool EmailVerified = false);

public sealed record EmailVerification(string Email, bool Verified);

public sealed record EmailChangeAccepted(string NewEmail, string Message);

/// <summary>What a reader gets by mail: alerts "off", "instant" or "daily", and the morning briefing.</summary>
public sealed record MailPreferences(string Alerts, bool MorningBriefing, bool EmailVerified);

public sealed record UnsubscribeState(string List, string ListName, string Email, bool Subscribed);

public sealed record Notification(
    Guid Id, Guid ArticleId, string Slug, string Headline, string Section, DateTimeOffset PublishedAt, DateTimeOffset? ReadAt);

public sealed record NotificationInbox(IReadOnlyList<Notification> Items, int Page, int PageSize, long Total, long Unread);
