using NewsPlatform.Contracts.Sections;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Entitlements;
using NewsPlatform.Articles.Projections;
using NewsPlatform.Articles.Telemetry;

namespace NewsPlatform.Articles.Reading;

/// <summary>Slice: one published article by its slug; a premium body only for readers entitled to it.</summary>
public static class ArticleBySlugEndpoint
{
    public static void MapArticleBySlug(this RouteGroupBuilder api) =>
        api.MapGet("/articles/{slug}", Handle)
            .WithName("GetArticle")
            .WithSummary("One published article (premium body only for subscribers)");

    private static async Task<Results<Ok<ArticleDetail>, ProblemHttpResult, ValidationProblem>> Handle(
        string slug, HttpContext http, IQuerySession session, ReaderAccess access, ArticleViews views,
        IOptions<Publication> publication, ArticlesMetrics metrics, CancellationToken cancellationToken)
    {
        if (!Slugs.IsWellFormed(slug))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["slug"] = ["Not a well-formed article slug."] });

        var page = await FindLiveAsync(session, slug, cancellationToken);
        if (page is null) return NotFound(slug);

        var article = page.Article;
        var locked = article.Copy.IsPremium && !await access.MayReadPremiumAsync(http.User, cancellationToken);
        if (!http.IsHead()) // a HEAD reads nothing: not a view, not a read
        {
            views.Record(article.Id, article.Copy.Section);
            metrics.Read(article.Copy.Section);
        }
        PlatformTelemetry.TagArticle(article.Id);
        http.Tag([CacheTags.Article(article.Id)]);

        // The answer depends on who asks when the article is premium: shared caches must not keep it.
        http.Response.Headers.Vary = "Authorization";
        if (article.Copy.IsPremium) http.Response.Headers.CacheControl = "private, no-store";

        return TypedResults.Ok(ArticleDetail.Of(article, page.Teaser, locked, article.PublishedAt!.Value, publication.Value));
    }

    public static Task<ArticlePage?> FindLiveAsync(IQuerySession session, string slug, CancellationToken cancellationToken) =>
        session.Query<ArticlePage>()
            .Where(p => p.Article.Slug == slug && p.Article.Status == ArticleStatus.Published)
            .FirstOrDefaultAsync(cancellationToken);

    public static ProblemHttpResult NotFound(string slug) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        type: "https://newsplatform.dev/problems/article-not-found",
        title: "Article not found.",
        detail: $"No published article has the slug '{slug}'.");
}
