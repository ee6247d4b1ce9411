using MassTransit;
using Microsoft.AspNetCore.OutputCaching;
using NewsPlatform.Contracts.Articles;

namespace NewsPlatform.Gateway;

/// <summary>Configuration <c>OutputCaching:PurgePasses</c>: when after an article's change its cached answers are evicted.</summary>
public sealed class PurgeSettings
{
    /// <summary>
    /// At once, and again over the next seconds: a copy refilled in between from a site replica or a search replica
    /// that had not yet taken the change in (each hears of it on its own queue; a search replica indexes in ~50 ms,
    /// rarely in a second) would otherwise be served until it expires.
    /// </summary>
    public TimeSpan[] PurgePasses { get; set; } =
        [TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];
}

/// <summary>
/// Every gateway replica hears of each article's publication, correction and takedown on a queue of its own and
/// evicts exactly the cached answers that show it: the answers tagged with the article (its page and API answer,
/// every front, list, feed and page it appears on), its section's fronts and feeds, the whole-edition lists and the
/// front page on a publication or takedown, the sitemaps, and every search answer. Nothing else is evicted.
/// The tags are the services' and the site's own (their <c>Surrogate-Key</c> header, <see cref="EdgeCaching"/>).
/// </summary>
public sealed class CachePurge(IOutputCacheStore cache, IConfiguration configuration, GatewayMetrics metrics, ILogger<CachePurge> logger)
    : IConsumer<ArticlePublished>, IConsumer<ArticleUpdated>, IConsumer<ArticleUnpublished>
{
    private readonly TimeSpan[] _passes = (configuration.GetSection("OutputCaching").Get<PurgeSettings>() ?? new()).PurgePasses;

    public Task Consume(ConsumeContext<ArticlePublished> context) =>
        PurgeAsync("published", Tag.Article(context.Message.ArticleId), Tag.Front(context.Message.Content.Section), Tag.AllFronts, Tag.Sitemap, Tag.Search,
            Tag.Corrections);

    // A correction may move it to another section: the lists it was on are tagged with the article itself.
    public Task Consume(ConsumeContext<ArticleUpdated> context) =>
        PurgeAsync("corrected", Tag.Article(context.Message.ArticleId), Tag.Front(context.Message.Content.Section), Tag.Sitemap, Tag.Search,
            Tag.Corrections);

    public Task Consume(ConsumeContext<ArticleUnpublished> context) =>
        PurgeAsync("unpublished", Tag.Article(context.Message.ArticleId), context.Message.Section is { } section ? Tag.Front(section) : Tag.AllFronts,
            Tag.AllFronts, Tag.Sitemap, Tag.Search, Tag.Corrections);

    private async Task PurgeAsync(string change, params string[] tags)
    {
        await EvictAsync(tags, CancellationToken.None);
        metrics.CachePurged(change);
        logger.LogDebug("Purged {Tags} after an article was {Change}", string.Join(' ', tags), change);
        foreach (var later in _passes.Where(p => p > TimeSpan.Zero).Order())
        {
            // Later passes do not hold the message: it is consumed once the first one is done.
            _ = Task.Delay(later).ContinueWith(_ => EvictAsync(tags, CancellationToken.None), TaskScheduler.Default).Unwrap();
        }
    }

    private async Task EvictAsync(IEnumerable<string> tags, CancellationToken cancellationToken)
    {
        foreach (var tag in tags.Distinct()) await cache.EvictByTagAsync(tag, cancellationToken);
    }

    /// <summary>The cache tags (<c>Surrogate-Key</c>) the services and the site give their answers.</summary>
    public static class Tag
    {
        public const string AllFronts = "front:all";
        public const string Sitemap = "sitemap";
        public const string Search = "search";
        public const string Corrections = "corrections"; // the list of corrections: a new one, or a takedown, changes it
        public static string Article(Guid id) => $"article:{id:N}";
        public static string Front(string section) => $"front:{section}";
    }
}
