using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>Slice: an editor publishes a draft now; it gets a unique, stable slug on first publication.</summary>
public static class PublishArticleEndpoint
{
    public static void MapPublishArticle(this RouteGroupBuilder newsroom) =>
        newsroom.MapPost("/{id:guid}/publish", Handle)
            .WithName("PublishArticle")
            .WithSummary("Publish an article now (If-Match: its version)");

    private static async Task<Ok<NewsroomArticle>> Handle(
        Guid id, HttpContext http, ArticleWriter writer, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var expected = ArticleVersions.ExpectedVersion(http.Request);
        var editor = Editor.Of(http);

        var before = await session.Events.FetchLatest<Article>(id, cancellationToken) ?? throw new ArticleNotFound(id);
        var slug = before.Slug ?? await SlugReservation.FindFreeAsync(session, before.Copy.Headline, cancellationToken);

        var version = await writer.ExecuteAsync(id, expected,
            _ => new PublishArticle(id, slug, editor, clock.GetUtcNow()),
            cancellationToken,
            // The reservation commits in the same transaction as the event: a slug taken meanwhile
            // fails the whole write (409), so two articles never go live under one URL.
            alongside: (s, article) =>
            {
                if (article.Slug is null) s.Insert(new SlugReservation(slug, id));
            });

        var after = await session.Events.FetchLatest<Article>(id, cancellationToken);
        http.Response.SetETag(version);
        return TypedResults.Ok(NewsroomArticle.From(after!, version));
    }
}
