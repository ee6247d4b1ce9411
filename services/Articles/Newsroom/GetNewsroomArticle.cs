using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>Slice: one article in any state, with its version as the ETag.</summary>
public static class GetNewsroomArticleEndpoint
{
    public static void MapGetNewsroomArticle(this RouteGroupBuilder newsroom) =>
        newsroom.MapGet("/{id:guid}", Handle)
            .WithName("GetNewsroomArticle")
            .WithSummary("One article in any state, with its version as ETag");

    private static async Task<Ok<NewsroomArticle>> Handle(
        Guid id, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        // The inline projection is written with the events, so it carries the current version.
        var article = await session.LoadAsync<Article>(id, cancellationToken) ?? throw new ArticleNotFound(id);
        http.Response.SetETag(article.Version);
        return TypedResults.Ok(NewsroomArticle.From(article));
    }
}
