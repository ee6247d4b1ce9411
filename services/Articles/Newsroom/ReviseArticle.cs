using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>
/// Slice: an editor saves a new copy of an article. Before publication that is a revision; once
/// the article is live it is a correction, which readers see as <c>Updated</c> (the URL stays).
/// </summary>
public static class ReviseArticleEndpoint
{
    public static void MapReviseArticle(this RouteGroupBuilder newsroom) =>
        newsroom.MapPut("/{id:guid}", Handle)
            .WithName("ReviseArticle")
            .WithSummary("Revise an article, or correct it once published (If-Match: its version)");

    private static async Task<Ok<NewsroomArticle>> Handle(
        Guid id, ArticleCopyRequest request, HttpContext http, ArticleWriter writer, ArticleBodySanitizer sanitizer,
        INewsroomPhotos photos, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var expected = ArticleVersions.ExpectedVersion(http.Request);
        var copy = await request.ToCopyAsync(sanitizer, photos, cancellationToken);
        var editor = Editor.Of(http);

        var article = await writer.ExecuteAsync(id, expected,
            current => current.IsLive
                ? new CorrectArticle(id, copy, request.CorrectionNote, editor, clock.GetUtcNow())
                : new ReviseArticle(id, copy, editor, clock.GetUtcNow()),
            cancellationToken);

        http.Response.SetETag(article.Version);
        return TypedResults.Ok(await NewsroomArticle.NamedAsync(article, session, cancellationToken));
    }
}
