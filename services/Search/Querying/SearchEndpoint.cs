using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Search.Telemetry;

namespace NewsPlatform.Search.Querying;

/// <summary>Slice: full-text search over published articles, and headline suggestions while typing.</summary>
public static class SearchEndpoint
{
    public const int MaxSuggestLength = 100;

    public static void MapSearch(this IEndpointRouteBuilder app)
    {
        var search = app.MapGroup("/api/search").WithTags("Search");
        search.MapGet("/", Search)
            .WithName("Search")
            .WithSummary("Relevance-ranked full-text search with filters, highlights and section facets");
        search.MapGet("/suggest", Suggest)
            .WithName("SuggestHeadlines")
            .WithSummary("Up to 10 headlines for what has been typed so far (prefix or close to it)");
    }

    private static async Task<Results<Ok<SearchResults>, ValidationProblem>> Search(
        string? q, string? section, string? subsection, string? from, string? to, string? sort, int? page, int? pageSize,
        HttpContext http, ISearchQueries queries, SearchMetrics metrics, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (request, errors) = SearchRequest.Parse(q, section, subsection, from, to, sort, page, pageSize);
        if (request is null) return TypedResults.ValidationProblem(errors);
        var results = await queries.SearchAsync(request, cancellationToken);
        http.Response.Headers[CacheTag.Header] = CacheTag.Search;
        metrics.RecordQuery(System.Diagnostics.Stopwatch.GetElapsedTime(started), results.Total);
        return TypedResults.Ok(results);
    }

    private static async Task<Results<Ok<IReadOnlyList<Suggestion>>, ValidationProblem>> Suggest(
        string? q, HttpContext http, ISearchQueries queries, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["Type something to get suggestions."] });
        if (q.Length > MaxSuggestLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [$"Suggestions take at most {MaxSuggestLength} characters."] });
        http.Response.Headers[CacheTag.Header] = CacheTag.Search;
        return TypedResults.Ok(await queries.SuggestAsync(q, cancellationToken));
    }
}

/// <summary>
/// Every answer of the search may change with any article's publication, correction or takedown: the caches in
/// front of it (the gateway) keep it under one key (<c>Surrogate-Key</c>) and drop them all on such a change.
/// </summary>
public static class CacheTag
{
    public const string Header = "Surrogate-Key";
    public const string Search = "search";
}
