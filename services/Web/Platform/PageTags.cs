namespace NewsPlatform.Web.Platform;

/// <summary>
/// What a page shows, named for the gateway's cache (<c>Surrogate-Key</c>, the same tags the Articles service gives
/// its answers): every article on the page, the fronts it is made from, the search. When one of them changes the
/// gateway evicts this page and nothing unrelated. Collected while the page renders, sent with its headers.
/// </summary>
public sealed class PageTags
{
    public const string Header = "Surrogate-Key";
    private readonly HashSet<string> _tags = [];

    public IReadOnlyCollection<string> All => _tags;

    public void Article(Guid id) => _tags.Add($"article:{id:N}");
    public void Articles(IEnumerable<ArticleSummary> articles) { foreach (var article in articles) Article(article.Id); }
    public void Front(string? section) => _tags.Add(section is null ? "front:all" : $"front:{section}");
    public void Search() => _tags.Add("search");
    /// <summary>The list of corrections: a new correction, or a takedown, changes it.</summary>
    public void Corrections() => _tags.Add("corrections");
}
