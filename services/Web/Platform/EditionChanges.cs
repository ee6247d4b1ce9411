using MassTransit;
using Microsoft.Extensions.Caching.Hybrid;
using NewsPlatform.Contracts.Articles;

namespace NewsPlatform.Web.Platform;

/// <summary>
/// Each replica of the site hears of every article's publication, correction and takedown on a queue of its own,
/// and forgets what it keeps of the edition (fronts, most read, related, corrections): the gateway purges its copies of the
/// pages at the same time and again a moment later, and must not refill them from lists that are out of date.
/// Forgetting all of it is cheap — a change is rare beside reads, and a few API reads fill it again.
/// </summary>
public sealed class EditionChanges(HybridCache cache) : IConsumer<ArticlePublished>, IConsumer<ArticleUpdated>, IConsumer<ArticleUnpublished>
{
    public async Task Consume(ConsumeContext<ArticlePublished> context) => await cache.RemoveByTagAsync(Edition.Tag);
    public async Task Consume(ConsumeContext<ArticleUpdated> context) => await cache.RemoveByTagAsync(Edition.Tag);
    public async Task Consume(ConsumeContext<ArticleUnpublished> context) => await cache.RemoveByTagAsync(Edition.Tag);
}
