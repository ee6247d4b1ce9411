using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Search.Indexing;
using NewsPlatform.Search.Telemetry;

namespace NewsPlatform.Search.Querying;

public sealed record SearchHit(
    Guid Id, string Slug, string Headline, string? Summary, string Section, string? Subsection,
    string? Byline, bool IsPremium, DateTimeOffset PublishedAt, DateTimeOffset? UpdatedAt);

public sealed record SearchResults(IReadOnlyList<SearchHit> Items, int Page, int PageSize, long Total);

/// <summary>Slice: full-text search over published articles (web-search syntax).</summary>
public static class SearchEndpoint
{
    public const int MaxQueryLength = 500;
    public const int MaxPageSize = 50;

    public static void MapSearch(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/search").WithTags("Search")
            .MapGet("/", Handle)
            .WithName("Search")
            .WithSummary("Full-text search over published articles");

    private static async Task<Results<Ok<SearchResults>, ValidationProblem>> Handle(
        string? q, int? page, int? pageSize, IQuerySession session, SearchMetrics metrics, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(q)) errors["q"] = ["A query is required."];
        else if (q.Length > MaxQueryLength) errors["q"] = [$"A query has at most {MaxQueryLength} characters."];
        if (page is < 1) errors["page"] = ["Pages start at 1."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize is between 1 and {MaxPageSize}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var (pageNumber, size) = (page ?? 1, pageSize ?? 20);
        var matches = session.Query<SearchableArticle>().Where(a => a.IsLive && a.WebStyleSearch(q!, "english"));
        var total = await matches.CountAsync(cancellationToken);
        var items = await matches
            .OrderByDescending(a => a.PublishedAt)
            .Skip((pageNumber - 1) * size)
            .Take(size)
            .ToListAsync(cancellationToken);

        metrics.RecordQuery(System.Diagnostics.Stopwatch.GetElapsedTime(started), total);
        return TypedResults.Ok(new SearchResults(
            items.Select(a => new SearchHit(a.Id, a.Slug, a.Headline, a.Summary, a.Section, a.Subsection, a.Byline,
                a.IsPremium, a.PublishedAt, a.UpdatedAt)).ToList(),
            pageNumber, size, total));
    }
}
