namespace NewsPlatform.Web.Platform;

/// <summary>The Articles service's public reading API (by service discovery: <c>http://articles</c>).</summary>
public sealed class ArticlesApi(HttpClient http) : ServiceClient(http, "articles")
{
    public Task<ApiAnswer<IReadOnlyList<SectionInfo>>> SectionsAsync(CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<SectionInfo>>("/api/sections", null, cancellationToken);

    public Task<ApiAnswer<Paged<ArticleSummary>>> FrontAsync(
        string? section, string? subsection, int page, int pageSize, CancellationToken cancellationToken) =>
        GetAsync<Paged<ArticleSummary>>(
            $"/api/articles?{Query.Of(("section", section), ("subsection", subsection), ("page", page.ToString()), ("pageSize", pageSize.ToString()))}",
            null, cancellationToken);

    /// <summary>One article; with the reader's token a subscriber gets the whole premium body.</summary>
    public Task<ApiAnswer<ArticleDetail>> ArticleAsync(string slug, string? accessToken, CancellationToken cancellationToken) =>
        GetAsync<ArticleDetail>($"/api/articles/{Uri.EscapeDataString(slug)}", accessToken, cancellationToken);

    public Task<ApiAnswer<IReadOnlyList<ArticleSummary>>> RelatedAsync(string slug, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<ArticleSummary>>($"/api/articles/{Uri.EscapeDataString(slug)}/related", null, cancellationToken);

    /// <summary>The published corrections with their notes, newest first, paged (at most 50 a page).</summary>
    public Task<ApiAnswer<Paged<CorrectionEntry>>> CorrectionsAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        GetAsync<Paged<CorrectionEntry>>($"/api/corrections?{Query.Of(("page", page.ToString()), ("pageSize", pageSize.ToString()))}",
            null, cancellationToken);

    public Task<ApiAnswer<IReadOnlyList<ArticleSummary>>> MostReadAsync(string? section, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<ArticleSummary>>($"/api/articles/most-read?{Query.Of(("section", section), ("window", "24h"))}",
            null, cancellationToken);
}

/// <summary>The Search service's public API (<c>http://search</c>).</summary>
public sealed class SearchApi(HttpClient http) : ServiceClient(http, "search")
{
    public Task<ApiAnswer<SearchResults>> SearchAsync(SearchQuery query, CancellationToken cancellationToken) =>
        GetAsync<SearchResults>($"/api/search?{Query.Of(
            ("q", query.Text), ("section", query.Section), ("from", query.From), ("to", query.To),
            ("sort", query.Sort), ("page", query.Page.ToString()), ("pageSize", query.PageSize.ToString()))}",
            null, cancellationToken);
}

/// <summary>A search as the search page asks it.</summary>
public sealed record SearchQuery(string Text, string? Section, string? From, string? To, string? Sort, int Page, int PageSize = 10);

/// <summary>Query strings from the parameters that have a value.</summary>
public static class Query
{
    public static string Of(params (string Name, string? Value)[] parameters) => string.Join("&",
        parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
}
