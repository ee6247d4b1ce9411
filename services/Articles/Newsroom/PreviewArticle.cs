using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Reading;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>
/// Slice: an editor sees an article, in any state, exactly as a reader would — as an anonymous reader (the teaser
/// of a premium article) or as a subscriber (all of it) — before it goes live. The page is the reading API's own.
/// </summary>
public static class PreviewArticleEndpoint
{
    public static void MapPreviewArticle(this RouteGroupBuilder newsroom) =>
        newsroom.MapGet("/{id:guid}/preview", Handle)
            .WithName("PreviewArticle")
            .WithSummary("The article's page as an anonymous reader (as=anonymous) or a subscriber (as=subscriber) would see it");

    private static async Task<Results<Ok<ArticleDetail>, ValidationProblem>> Handle(
        Guid id, string? @as, HttpContext http, IQuerySession session, IOptions<Publication> publication, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var subscriber = @as?.ToLowerInvariant() switch
        {
            null or "" or "anonymous" => false,
            "subscriber" => true,
            _ => (bool?)null,
        };
        if (subscriber is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["as"] = ["as is anonymous or subscriber."] });

        var article = await session.LoadAsync<Article>(id, cancellationToken) ?? throw new ArticleNotFound(id);
        http.Response.Headers.CacheControl = "private, no-store";
        var locked = article.Copy.IsPremium && subscriber == false;
        var postedAt = article.PublishedAt ?? article.ScheduledFor ?? clock.GetUtcNow();
        return TypedResults.Ok(ArticleDetail.Of(article, ArticleText.FirstParagraph(article.Copy.Body), locked, postedAt, publication.Value));
    }
}
