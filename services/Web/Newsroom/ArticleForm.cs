using NewsPlatform.Web.Platform;
using NewsPlatform.Web.Presentation;

namespace NewsPlatform.Web.Newsroom;

/// <summary>
/// The editing form as it is posted: the whole copy of the article, the version it is based on, and which button
/// was pressed. Everything an editor typed travels in it, so a refused save (a field error, a colleague's newer
/// version) shows the form again exactly as they left it.
/// </summary>
public sealed class ArticleForm
{
    public Guid? ArticleId { get; set; }
    public long? Version { get; set; }
    public string Kind { get; set; } = ArticleKinds.Story;
    public string? Headline { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public string? Section { get; set; }
    public string? Subsection { get; set; }
    public string? Byline { get; set; }
    public string? SourceCredit { get; set; }
    public string? Tags { get; set; }
    public bool IsPremium { get; set; }

    public Guid? LeadPhotoId { get; set; }
    public string? LeadPhotoUrl { get; set; }
    public string? LeadCaption { get; set; }
    public string? LeadCredit { get; set; }
    public bool RemoveLeadPhoto { get; set; }

    // A form without gallery fields binds null: the form always has a list.
    public List<GalleryPhotoForm> Gallery { get => _gallery; set => _gallery = value ?? []; }
    private List<GalleryPhotoForm> _gallery = [];

    /// <summary>The wall-clock time of a schedule, in the publication's zone (a datetime-local field).</summary>
    public string? PublishAt { get; set; }
    public string? CorrectionNote { get; set; }

    /// <summary>The button pressed: save, publish, schedule, cancel-schedule, preview-anonymous, preview-subscriber, take-theirs.</summary>
    public string? Action { get; set; }

    public bool IsGallery => Kind == ArticleKinds.Gallery;

    public static ArticleForm From(NewsroomArticle article, TimeZoneInfo zone) => new()
    {
        ArticleId = article.Id,
        Version = article.Version,
        Kind = article.Kind,
        Headline = article.Headline,
        Summary = article.Summary,
        Body = article.Body,
        Section = article.Section,
        Subsection = article.Subsection,
        Byline = article.Byline,
        SourceCredit = article.SourceCredit,
        Tags = string.Join(", ", article.Tags),
        IsPremium = article.IsPremium,
        LeadPhotoId = article.LeadPhoto?.PhotoId,
        LeadPhotoUrl = article.LeadPhoto?.Url,
        LeadCaption = article.LeadPhoto?.Caption,
        LeadCredit = article.LeadPhoto?.Credit,
        Gallery = article.Gallery.Select((p, i) => new GalleryPhotoForm
        {
            PhotoId = p.PhotoId, Url = p.Url, Caption = p.Caption, Credit = p.Credit, Position = i + 1,
        }).ToList(),
        PublishAt = article.ScheduledFor is { } at ? ScheduleTime.Format(at, zone) : null,
    };

    /// <summary>The gallery as the editor ordered it, without the photos marked for removal.</summary>
    public void TidyGallery() => Gallery = Gallery
        .Where(p => !p.Remove && (p.PhotoId is not null || !string.IsNullOrWhiteSpace(p.Url)))
        .OrderBy(p => p.Position <= 0 ? int.MaxValue : p.Position)
        .Select((p, i) => { p.Position = i + 1; return p; })
        .ToList();

    public PhotoPlacement? LeadPhoto => RemoveLeadPhoto || (LeadPhotoId is null && string.IsNullOrWhiteSpace(LeadPhotoUrl))
        ? null
        : new PhotoPlacement(LeadPhotoId, LeadPhotoId is null ? LeadPhotoUrl : null, LeadCaption, LeadCredit);

    private string[] TagList => (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public ArticleCopy ToCopy() => new(
        Headline, Summary, Body, Section, string.IsNullOrWhiteSpace(Subsection) ? null : Subsection, Byline, SourceCredit,
        TagList, LeadPhoto, IsPremium, Kind,
        IsGallery ? Gallery.Select(p => new PhotoPlacement(p.PhotoId, p.PhotoId is null ? p.Url : null, p.Caption, p.Credit)).ToList() : null,
        string.IsNullOrWhiteSpace(CorrectionNote) ? null : CorrectionNote.Trim());

    public CopyFields Fields() => CopyFields.Of(Headline, Summary, Body, Section, Subsection, Byline, SourceCredit,
        TagList, IsPremium, LeadPhoto is { } lead ? DeskPhotos.Describe(lead.Url ?? LeadPhotoUrl, lead.Caption, lead.Credit) : null,
        IsGallery ? Gallery.Where(p => !p.Remove).Select(p => DeskPhotos.Describe(p.Url, p.Caption, p.Credit)) : []);
}

/// <summary>One photo of a gallery on the form: its place, caption and credit, or marked for removal.</summary>
public sealed class GalleryPhotoForm
{
    public Guid? PhotoId { get; set; }
    public string? Url { get; set; }
    public string? Caption { get; set; }
    public string? Credit { get; set; }
    public int Position { get; set; }
    public bool Remove { get; set; }
}

public static class DeskPhotos
{
    /// <summary>A photo as the version comparison reads it: which file, and its words.</summary>
    public static string Describe(string? url, string? caption, string? credit) =>
        $"{ShortName(url)} “{caption}”{(string.IsNullOrWhiteSpace(credit) ? "" : $" ({credit})")}";

    // An uploaded photo by the start of its id (its files are /photos/{id}/{size}.jpg), any other by its file name.
    private static string ShortName(string? url) => url?.Split('/', StringSplitOptions.RemoveEmptyEntries) switch
    {
        ["photos", var id, ..] => $"photo {id[..Math.Min(8, id.Length)]}",
        [.., var last] => last,
        _ => "photo",
    };

    public static CopyFields Fields(this NewsroomArticle a) => CopyFields.Of(a.Headline, a.Summary, a.Body, a.Section, a.Subsection,
        a.Byline, a.SourceCredit, a.Tags, a.IsPremium,
        a.LeadPhoto is { } lead ? Describe(lead.Url, lead.Caption, lead.Credit) : null,
        a.IsGallery ? a.Gallery.Select(p => Describe(p.Url, p.Caption, p.Credit)) : []);

    /// <summary>What an upload's refusal means to the editor who chose the file.</summary>
    public static string UploadProblem(ApiProblem problem, string? fileName) => problem.Status switch
    {
        413 => $"{fileName} is larger than the 20 MB a photo may have.",
        415 => $"{fileName} is not a JPEG, PNG or WebP photo.",
        _ => problem.Detail ?? problem.Title ?? $"{fileName} could not be uploaded.",
    };
}
