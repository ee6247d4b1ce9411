using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>A photo as an editor places it: an uploaded photo by its id (preferred), or an address typed by hand.</summary>
public sealed record ArticlePhotoRequest(string? Url, string? Caption, string? Credit, Guid? PhotoId = null);

/// <summary>What an editor sends to draft or revise an article (the whole copy each time).</summary>
public sealed record ArticleCopyRequest(
    string? Headline,
    string? Summary,
    string? Body,
    string? Section,
    string? Subsection,
    string? Byline,
    string? SourceCredit,
    IReadOnlyList<string>? Tags,
    ArticlePhotoRequest? LeadPhoto,
    bool IsPremium = false,
    string? CorrectionNote = null,
    ArticleKind? Kind = null,
    IReadOnlyList<ArticlePhotoRequest>? Gallery = null)
{
    /// <summary>
    /// The copy to decide on: the body sanitised, and every uploaded photo's address and sizes taken from the
    /// photo library rather than from the request (an unknown photo id is a field error).
    /// </summary>
    public async Task<ArticleCopy> ToCopyAsync(ArticleBodySanitizer sanitizer, INewsroomPhotos photos, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var lead = await PlaceAsync(LeadPhoto, "leadPhoto", photos, errors, cancellationToken);
        var gallery = new List<ArticlePhoto>();
        for (var i = 0; i < (Gallery?.Count ?? 0); i++)
        {
            if (await PlaceAsync(Gallery![i], $"gallery[{i}]", photos, errors, cancellationToken) is { } placed) gallery.Add(placed);
        }
        if (errors.Count > 0) throw ArticleRejected.Invalid(errors);

        return new ArticleCopy(
            Headline ?? "", Summary, sanitizer.Sanitize(Body ?? ""), Section ?? "", Subsection, Byline,
            Tags ?? [], IsPremium, SourceCredit, lead, Kind ?? ArticleKind.Story, gallery.Count > 0 ? gallery : null);
    }

    private static async Task<ArticlePhoto?> PlaceAsync(ArticlePhotoRequest? request, string field, INewsroomPhotos photos,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (request is null) return null;
        if (request.PhotoId is not { } id) return new ArticlePhoto(request.Url ?? "", request.Caption, request.Credit);
        if (await photos.FindAsync(id, cancellationToken) is { } uploaded)
            return uploaded with { Caption = request.Caption, Credit = request.Credit };
        errors[$"{field}.photoId"] = ["No photo with this id was uploaded."];
        return null;
    }
}

/// <summary>The newsroom's uploaded photos, as an article places them (address, size and served sizes; no caption yet).</summary>
public interface INewsroomPhotos
{
    Task<ArticlePhoto?> FindAsync(Guid photoId, CancellationToken cancellationToken);
}
