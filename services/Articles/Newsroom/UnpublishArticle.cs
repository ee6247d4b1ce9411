using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

public sealed record UnpublishRequest(string? Reason);

/// <summary>Slice: an editor takes a published article down (it can be republished later).</summary>
public static class UnpublishArticleEndpoint
{
    public static void MapUnpublishArticle(this RouteGroupBuilder newsroom) =>
        newsroom.MapPost("/{id:guid}/unpublish", Handle)
            .WithName("UnpublishArticle")
            .WithSummary("Take a published article down (If-Match: its version)");

    private static async Task<Ok<NewsroomArticle>> Handle(
        Guid id, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] UnpublishRequest? request,
        HttpContext http, ArticleWriter writer, TimeProvider clock, Marten.IQuerySession query, CancellationToken cancellationToken)
    {
        var expected = ArticleVersions.ExpectedVersion(http.Request);
        var article = await writer.ExecuteAsync(id, expected,
            _ => new UnpublishArticle(id, request?.Reason, Editor.Of(http), clock.GetUtcNow()), cancellationToken);
        http.Response.SetETag(article.Version);
        return TypedResults.Ok(await NewsroomArticle.NamedAsync(article, query, cancellationToken));
    }
}
