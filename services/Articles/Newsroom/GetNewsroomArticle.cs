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
            .WithSummary("One article in any state, with its version");

    private static async Task<Ok<NewsroomArticle>> Handle(
        Guid id, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        var state = await session.Events.FetchStreamStateAsync(id, cancellationToken) ?? throw new ArticleNotFound(id);
        var article = await session.LoadAsync<Article>(id, cancellationToken) ?? throw new ArticleNotFound(id);
        http.Response.SetETag(state.Version);
        return TypedResults.Ok(NewsroomArticle.From(article, state.Version));
    }
}
