using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>Slice: one article in any state, with its version as the ETag — now, or as it was at an earlier version.</summary>
public static class GetNewsroomArticleEndpoint
{
    public static void MapGetNewsroomArticle(this RouteGroupBuilder newsroom)
    {
        newsroom.MapGet("/{id:guid}", Handle)
            .WithName("GetNewsroomArticle")
            .WithSummary("One article in any state, with its version as ETag");
        newsroom.MapGet("/{id:guid}/versions/{version:long}", AtVersion)
            .WithName("GetNewsroomArticleVersion")
            .WithSummary("The article as it was at one version of its stream (for diffs, conflicts and restoring)");
    }

    private static async Task<Ok<NewsroomArticle>> Handle(
        Guid id, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        // The inline projection is written with the events, so it carries the current version.
        var article = await session.LoadAsync<Article>(id, cancellationToken) ?? throw new ArticleNotFound(id);
        http.Response.SetETag(article.Version);
        return TypedResults.Ok(await NewsroomArticle.NamedAsync(article, session, cancellationToken));
    }

    private static async Task<Results<Ok<NewsroomArticle>, ProblemHttpResult>> AtVersion(
        Guid id, long version, IQuerySession session, CancellationToken cancellationToken)
    {
        var article = await AtVersionAsync(session, id, version, cancellationToken);
        if (article.Version != version)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such version.",
                detail: $"The article has versions 1 to {article.Version}.", type: "https://newsplatform.dev/problems/version-not-found");
        // An old version is never a base for a write: no ETag, so a save based on it names the current one.
        return TypedResults.Ok(await NewsroomArticle.NamedAsync(article, session, cancellationToken));
    }

    /// <summary>The article folded from its first events up to <paramref name="version"/> (or all it has, if fewer).</summary>
    public static async Task<Article> AtVersionAsync(IQuerySession session, Guid id, long version, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(id, version: Math.Max(version, 1), token: cancellationToken);
        if (events.Count == 0) throw new ArticleNotFound(id);
        return ArticleDecider.Fold(events.Select(e => e.Data))! with { Version = events[^1].Version };
    }
}
