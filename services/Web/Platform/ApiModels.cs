namespace NewsPlatform.Web.Platform;

// What the services' public APIs answer, as far as the site reads it (camelCase JSON, UTC times).

public sealed record SubsectionInfo(string Slug, string Name);

public sealed record SectionInfo(string Slug, string Name, IReadOnlyList<SubsectionInfo> Subsections)
{
    public SubsectionInfo? Subsection(string? slug) => slug is null ? null : Subsections.FirstOrDefault(s => s.Slug == slug);
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>One served size of an uploaded photo.</summary>
public sealed record PhotoSize(int Width, int Height, string Url);

/// <summary>A lead or gallery photo; an uploaded one has its id, size and served sizes.</summary>
public sealed record ArticlePhoto(
    string Url, string? Caption, string? Credit, Guid? PhotoId = null, int? Width = null, int? Height = null,
    IReadOnlyList<PhotoSize>? Sizes = null);

/// <summary>An article in a list: fronts, related, most read.</summary>
public sealed record ArticleSummary(
    Guid Id, string Slug, string Headline, string? Summary, string Section, string? Subsection,
    string? Byline, string? SourceCredit, IReadOnlyList<string> Tags, ArticlePhoto? LeadPhoto, bool IsPremium,
    DateTimeOffset PublishedAt, DateTimeOffset? UpdatedAt);

/// <summary>One article page as the Articles service answers it: <see cref="Locked"/> means the body is only the teaser.</summary>
public sealed record ArticleDetail(
    Guid Id, string Slug, string Headline, string? Summary, string Body, bool Locked,
    string Section, string SectionName, string? Subsection, string? SubsectionName,
    string? Byline, string? SourceCredit, IReadOnlyList<string> Tags, ArticlePhoto? LeadPhoto, bool IsPremium,
    DateTimeOffset PublishedAt, DateTimeOffset? UpdatedAt, string TimeZone);

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
    Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, DateTimeOffset RegisteredAt, SubscriptionView? Subscription);

public sealed record Notification(
    Guid Id, Guid ArticleId, string Slug, string Headline, string Section, DateTimeOffset PublishedAt, DateTimeOffset? ReadAt);

public sealed record NotificationInbox(IReadOnlyList<Notification> Items, int Page, int PageSize, long Total, long Unread);
