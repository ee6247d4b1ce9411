using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <param name="PublishAt">When to go live; omitted or null means now.</param>
public sealed record PublishRequest(DateTimeOffset? PublishAt);

/// <summary>
/// Slice: an editor publishes an article now, or schedules it. On first publication it gets a
/// unique slug from its headline, which stays its URL through corrections and republication.
/// </summary>
public static class PublishArticleEndpoint
{
    public static void MapPublishArticle(this RouteGroupBuilder newsroom)
    {
        newsroom.MapPost("/{id:guid}/publish", Handle)
            .WithName("PublishArticle")
            .WithSummary("Publish now, or at publishAt (If-Match: its version)");
        newsroom.MapDelete("/{id:guid}/schedule", CancelSchedule)
            .WithName("CancelSchedule")
            .WithSummary("Cancel a scheduled publication (If-Match: its version)");
    }

    private static async Task<Ok<NewsroomArticle>> Handle(
        Guid id, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] PublishRequest? request,
        HttpContext http, ArticlePublisher publisher, ArticleWriter writer, TimeProvider clock, Marten.IQuerySession query, CancellationToken cancellationToken)
    {
        var expected = ArticleVersions.ExpectedVersion(http.Request);
        var editor = Editor.Of(http);

        var article = request?.PublishAt is { } publishAt
            ? await writer.ExecuteAsync(id, expected,
                _ => new ScheduleArticle(id, publishAt, editor, clock.GetUtcNow()), cancellationToken)
            : await publisher.PublishAsync(id, expected, editor, cancellationToken);

        http.Response.SetETag(article.Version);
        return TypedResults.Ok(await NewsroomArticle.NamedAsync(article, query, cancellationToken));
    }

    private static async Task<Ok<NewsroomArticle>> CancelSchedule(
        Guid id, HttpContext http, ArticleWriter writer, TimeProvider clock, Marten.IQuerySession query, CancellationToken cancellationToken)
    {
        var expected = ArticleVersions.ExpectedVersion(http.Request);
        var article = await writer.ExecuteAsync(id, expected,
            _ => new CancelSchedule(id, Editor.Of(http), clock.GetUtcNow()), cancellationToken);
        http.Response.SetETag(article.Version);
        return TypedResults.Ok(await NewsroomArticle.NamedAsync(article, query, cancellationToken));
    }
}

/// <summary>Publishing now: shared by the endpoint and the scheduled-publishing job.</summary>
public sealed class ArticlePublisher(ArticleWriter writer, IDocumentSession session, TimeProvider clock)
{
    public async Task<Article> PublishAsync(Guid id, long expectedVersion, string editor, CancellationToken cancellationToken)
    {
        var before = await session.LoadAsync<Article>(id, cancellationToken) ?? throw new ArticleNotFound(id);
        var slug = before.Slug ?? await SlugReservation.FindFreeAsync(session, before.Copy.Headline, cancellationToken);

        try
        {
            return await writer.ExecuteAsync(id, expectedVersion,
                _ => new PublishArticle(id, slug, editor, clock.GetUtcNow()),
                cancellationToken,
                // The reservation commits in the same transaction as the event: a slug taken meanwhile
                // fails the whole write (409), so two articles never go live under one URL.
                alongside: (s, article) =>
                {
                    if (article.Slug is null) s.Insert(new SlugReservation(slug, id));
                });
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            // Taken by this very article: another editor published it at the same moment, so this
            // write was based on a stale version (412), not beaten to the slug by another article.
            await using var query = session.DocumentStore.QuerySession();
            if ((await query.LoadAsync<SlugReservation>(slug, cancellationToken))?.ArticleId == id) throw new StaleArticleVersion();
            throw;
        }
    }
}
