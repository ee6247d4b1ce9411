using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

public sealed record LeadPhotoRequest(string? Url, string? Caption, string? Credit);

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
    LeadPhotoRequest? LeadPhoto,
    bool IsPremium = false,
    string? CorrectionNote = null)
{
    public ArticleCopy ToCopy(ArticleBodySanitizer sanitizer) => new(
        Headline ?? "", Summary, sanitizer.Sanitize(Body ?? ""), Section ?? "", Subsection, Byline,
        Tags ?? [], IsPremium, SourceCredit,
        LeadPhoto is { } photo ? new LeadPhoto(photo.Url ?? "", photo.Caption, photo.Credit) : null);
}
