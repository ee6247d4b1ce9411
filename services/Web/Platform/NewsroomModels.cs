namespace NewsPlatform.Web.Platform;

// What the Articles service's newsroom API answers (editor role), as far as the desk reads it.

/// <summary>An article in the desk's story list.</summary>
public sealed record NewsroomListItem(
    Guid Id, long Version, string Status, string? Slug, string Headline, string Section, string? Subsection,
    DateTimeOffset? ScheduledFor, DateTimeOffset? PublishedAt, DateTimeOffset LastChangedAt, string LastChangedBy,
    string LastChangedByName, string Kind, bool IsPremium);

/// <summary>A correction already published with the article.</summary>
public sealed record PublishedCorrection(string Note, DateTimeOffset At);

/// <summary>An article as the desk edits it, in any state, with the version a change is based on.</summary>
public sealed record NewsroomArticle(
    Guid Id, long Version, string Status, string? Slug, string Headline, string? Summary, string Body,
    string Section, string? Subsection, string? Byline, string? SourceCredit, IReadOnlyList<string> Tags,
    ArticlePhoto? LeadPhoto, bool IsPremium, DateTimeOffset CreatedAt, DateTimeOffset? ScheduledFor,
    DateTimeOffset? PublishedAt, DateTimeOffset? UpdatedAt, DateTimeOffset LastChangedAt, string LastChangedBy,
    string Kind, IReadOnlyList<ArticlePhoto> Gallery, IReadOnlyList<PublishedCorrection> Corrections,
    string? CreatedBy, string LastChangedByName)
{
    public bool IsLive => Status == "published";
    public bool IsGallery => Kind == ArticleKinds.Gallery;
}

/// <summary>One event of an article's stream, as the history page lists it.</summary>
public sealed record HistoryEntry(
    long Version, string Type, string By, DateTimeOffset At, IReadOnlyList<string> Changes, string? Note,
    string ByName, long? RestoredFrom);

/// <summary>A photo as the service placed it after an upload.</summary>
public sealed record UploadedPhoto(Guid Id, int Width, int Height, string Url);

/// <summary>A photo as an editor places it on an article: an uploaded one by id, else a typed address.</summary>
public sealed record PhotoPlacement(Guid? PhotoId, string? Url, string? Caption, string? Credit);

/// <summary>The whole copy of an article, as the desk sends it to draft, revise or correct.</summary>
public sealed record ArticleCopy(
    string? Headline, string? Summary, string? Body, string? Section, string? Subsection, string? Byline,
    string? SourceCredit, IReadOnlyList<string> Tags, PhotoPlacement? LeadPhoto, bool IsPremium, string Kind,
    IReadOnlyList<PhotoPlacement>? Gallery, string? CorrectionNote = null);
