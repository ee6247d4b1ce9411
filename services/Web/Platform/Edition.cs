using Microsoft.Extensions.Caching.Hybrid;

namespace NewsPlatform.Web.Platform;

/// <summary>
/// What every reader sees alike — the section tree, fronts, most read, related articles, corrections — kept by the
/// site for a few seconds, so that a logged-in reader's page (which the gateway never caches) costs the
/// services only the reads that depend on who asks. The article itself is never kept here.
/// </summary>
public sealed class Edition(ArticlesApi articles, HybridCache cache)
{
    /// <summary>The tag of everything kept here, forgotten at once when an article changes (<see cref="EditionChanges"/>).</summary>
    public const string Tag = "edition";
    private static readonly string[] Tags = [Tag];

    private static readonly HybridCacheEntryOptions Briefly = new() { Expiration = TimeSpan.FromSeconds(10), LocalCacheExpiration = TimeSpan.FromSeconds(10) };
    private static readonly HybridCacheEntryOptions AMinute = new() { Expiration = TimeSpan.FromMinutes(1), LocalCacheExpiration = TimeSpan.FromMinutes(1) };
    private static readonly HybridCacheEntryOptions Long = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(10) };

    // The tree is fixed for the edition: if the Articles service is down later, the last one known still frames the page.
    private static IReadOnlyList<SectionInfo>? _lastKnownSections;

    public async Task<IReadOnlyList<SectionInfo>> SectionsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var sections = await cache.GetOrCreateAsync("sections", async ct =>
                (await articles.SectionsAsync(ct)).Value ?? [], Long, Tags, cancellationToken);
            if (sections.Count > 0) _lastKnownSections = sections;
            return sections;
        }
        catch (ServiceUnavailableException) when (_lastKnownSections is not null)
        {
            return _lastKnownSections;
        }
    }

    public async Task<SectionInfo?> SectionAsync(string slug, CancellationToken cancellationToken = default) =>
        (await SectionsAsync(cancellationToken)).FirstOrDefault(s => s.Slug == slug);

    public ValueTask<Paged<ArticleSummary>> FrontAsync(string? section, string? subsection, int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        cache.GetOrCreateAsync($"front:{section}:{subsection}:{page}:{pageSize}", async ct =>
            (await articles.FrontAsync(section, subsection, page, pageSize, ct)).Value ?? new Paged<ArticleSummary>([], page, pageSize, 0),
            Briefly, Tags, cancellationToken);

    public ValueTask<IReadOnlyList<ArticleSummary>> MostReadAsync(string? section = null, CancellationToken cancellationToken = default) =>
        cache.GetOrCreateAsync($"most-read:{section}", async ct =>
            (await articles.MostReadAsync(section, ct)).Value ?? [], AMinute, Tags, cancellationToken);

    /// <summary>A page of the corrections list, newest first; a page the service refuses (beyond the last) is empty.</summary>
    public ValueTask<Paged<CorrectionEntry>> CorrectionsAsync(int page, int pageSize, CancellationToken cancellationToken = default) =>
        cache.GetOrCreateAsync($"corrections:{page}:{pageSize}", async ct =>
            (await articles.CorrectionsAsync(page, pageSize, ct)).Value ?? new Paged<CorrectionEntry>([], page, pageSize, 0),
            Briefly, Tags, cancellationToken);

    public ValueTask<IReadOnlyList<ArticleSummary>> RelatedAsync(string slug, CancellationToken cancellationToken = default) =>
        cache.GetOrCreateAsync($"related:{slug}", async ct =>
            (await articles.RelatedAsync(slug, ct)).Value ?? [], AMinute, Tags, cancellationToken);
}
