using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>Slice: an editor starts a new article as a draft.</summary>
public static class DraftArticleEndpoint
{
    public static void MapDraftArticle(this RouteGroupBuilder newsroom) =>
        newsroom.MapPost("/", Handle)
            .WithName("DraftArticle")
            .WithSummary("Create a draft");

    private static async Task<Created<NewsroomArticle>> Handle(
        ArticleCopyRequest request, HttpContext http, ArticleWriter writer, ArticleBodySanitizer sanitizer, INewsroomPhotos photos,
        TimeProvider clock, Marten.IQuerySession query, CancellationToken cancellationToken)
    {
        var copy = await request.ToCopyAsync(sanitizer, photos, cancellationToken);
        var command = new DraftArticle(Guid.CreateVersion7(), copy, Editor.Of(http), clock.GetUtcNow());
        var article = await writer.StartAsync(command, cancellationToken);

        http.Response.SetETag(article.Version);
        return TypedResults.Created($"/api/newsroom/articles/{article.Id}", await NewsroomArticle.NamedAsync(article, query, cancellationToken));
    }
}
