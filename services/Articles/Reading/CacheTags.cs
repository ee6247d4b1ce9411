namespace NewsPlatform.Articles.Reading;

/// <summary>
/// What a public answer shows, named for the caches in front of it (<c>Surrogate-Key</c>, as CDNs call it): the
/// gateway tags its cached copy with these keys and evicts exactly the copies a change of an article concerns
/// — the article's own, every list it appears in, its section's fronts and feeds, the sitemaps. The gateway drops
/// the header before the answer leaves it.
/// </summary>
public static class CacheTags
{
    public const string Header = "Surrogate-Key";
    public const string AllFronts = "front:all";
    public const string Sitemap = "sitemap";

    public static string Article(Guid id) => $"article:{id:N}";
    public static string Front(string? section) => section is null ? AllFronts : $"front:{section}";

    public static void Tag(this HttpContext http, IEnumerable<string> tags) =>
        http.Response.Headers[Header] = string.Join(' ', tags.Distinct());
}
