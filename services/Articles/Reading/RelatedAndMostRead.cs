using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Projections;

namespace NewsPlatform.Articles.Reading;

/// <summary>Slices: related articles, and the most read over a time window.</summary>
public static class RelatedAndMostReadEndpoints
{
    public const int RelatedCount = 5;
    public const int MostReadCount = 10;

    public static void MapRelatedAndMostRead(this RouteGroupBuilder api)
    {
        api.MapGet("/articles/{slug}/related", Related)
            .WithName("RelatedArticles")
            .WithSummary("Related published articles: same section, shared tags first");
        api.MapGet("/articles/most-read", MostRead)
            .WithName("MostRead")
            .WithSummary("Most read published articles over window=24h or 7d, optionally of one section");
    }

    private static async Task<Results<Ok<IReadOnlyList<ArticleSummary>>, ProblemHttpResult, ValidationProblem>> Related(
        string slug, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        if (!Slugs.IsWellFormed(slug))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["slug"] = ["Not a well-formed article slug."] });
        var page = await ArticleBySlugEndpoint.FindLiveAsync(session, slug, cancellationToken);
        if (page is null) return ArticleBySlugEndpoint.NotFound(slug);

        var tags = page.Article.Copy.Tags.Select(t => t.ToLowerInvariant()).ToHashSet();
        var candidates = await SectionFrontEndpoints.Live(session, page.Article.Copy.Section)
            .Where(p => p.Id != page.Id)
            .OrderByDescending(p => p.Article.PublishedAt)
            .Take(100)
            .ToListAsync(cancellationToken);

        var related = candidates
            .OrderByDescending(p => p.Article.Copy.Tags.Count(t => tags.Contains(t.ToLowerInvariant())))
            .ThenByDescending(p => p.Article.PublishedAt)
            .Take(RelatedCount)
            .Select(ArticleSummary.From)
            .ToList();
        http.Tag([CacheTags.Article(page.Id), CacheTags.Front(page.Article.Copy.Section), .. related.Select(a => CacheTags.Article(a.Id))]);
        return TypedResults.Ok<IReadOnlyList<ArticleSummary>>(related);
    }

    private static async Task<Results<Ok<IReadOnlyList<ArticleSummary>>, ValidationProblem>> MostRead(
        string? section, string? window, HttpContext http, IDocumentStore store, IQuerySession session, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        SectionFrontEndpoints.CheckSection(section, null, errors);
        TimeSpan? span = (window ?? "24h") switch { "24h" => TimeSpan.FromHours(24), "7d" => TimeSpan.FromDays(7), _ => null };
        if (span is null) errors["window"] = ["window is 24h or 7d."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand($"""
            select article_id from {ArticleViews.Table}
            where hour >= $1 and ($2::text is null or section = $2)
            group by article_id order by sum(views) desc limit {MostReadCount * 3}
            """, connection)
        {
            Parameters =
            {
                new() { Value = clock.GetUtcNow().Subtract(span!.Value).UtcDateTime },
                new() { Value = string.IsNullOrEmpty(section) ? DBNull.Value : section, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
            },
        };
        var ranked = new List<Guid>();
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) ranked.Add(reader.GetGuid(0));
        }

        var pages = (await session.LoadManyAsync<ArticlePage>(cancellationToken, ranked)).ToDictionary(p => p.Id);
        var mostRead = ranked
            .Select(id => pages.GetValueOrDefault(id))
            .Where(p => p is { Article.Status: ArticleStatus.Published })
            .Take(MostReadCount)
            .Select(p => ArticleSummary.From(p!))
            .ToList();
        http.Tag(mostRead.Select(a => CacheTags.Article(a.Id)));
        return TypedResults.Ok<IReadOnlyList<ArticleSummary>>(mostRead);
    }
}
