using Marten;
using MassTransit;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.Search.Telemetry;

namespace NewsPlatform.Search.Indexing;

/// <summary>
/// Appends each article event received from the bus to this service's own stream for that article,
/// unless the index already reflects that version or a newer one (a duplicate or a late copy).
/// The index is the stream's projection, so it can always be rebuilt from what was received.
/// </summary>
public sealed class ArticleEventsConsumer(
    IDocumentSession session, SearchMetrics metrics, ILogger<ArticleEventsConsumer> logger) :
    IConsumer<ArticlePublished>, IConsumer<ArticleUpdated>, IConsumer<ArticleUnpublished>
{
    public Task Consume(ConsumeContext<ArticlePublished> context) =>
        AppendAsync(context.Message.ArticleId, context.Message.Version, context.Message,
            context.Message.UpdatedAt ?? context.Message.PublishedAt, context.CancellationToken);

    public Task Consume(ConsumeContext<ArticleUpdated> context) =>
        AppendAsync(context.Message.ArticleId, context.Message.Version, context.Message, context.Message.UpdatedAt, context.CancellationToken);

    public Task Consume(ConsumeContext<ArticleUnpublished> context) =>
        AppendAsync(context.Message.ArticleId, context.Message.Version, context.Message, changedAt: null, context.CancellationToken);

    /// <param name="changedAt">When the newsroom made the change that makes the article searchable (index lag), if it does.</param>
    private async Task AppendAsync(Guid articleId, long version, object message, DateTimeOffset? changedAt, CancellationToken cancellationToken)
    {
        var type = message.GetType().Name;
        PlatformTelemetry.TagArticle(articleId);
        using var scope = logger.BeginArticleScope(articleId);
        metrics.Consumed(type);

        var stream = await session.Events.FetchForWriting<SearchableArticle>(articleId, cancellationToken);
        if (!SearchableArticle.IsNewer(stream.Aggregate, version))
        {
            metrics.Dropped(type, version, stream.Aggregate!.ArticleVersion);
            logger.LogDebug("Article {ArticleId} v{Version} ignored: the index is at v{Indexed}", articleId, version, stream.Aggregate!.ArticleVersion);
            return;
        }
        stream.AppendOne(message);
        // Wakes every replica's index feed as this commits (PostgreSQL delivers notifications at commit).
        // (NOTIFY, not pg_notify: a batched statement must not return rows Marten does not expect.)
        session.QueueSqlCommand($"NOTIFY {Lucene.ArticleIndexFeed.Channel}");
        // A concurrent copy of the same article fails here (optimistic concurrency) and is retried: it then sees this one.
        await session.SaveChangesAsync(cancellationToken);

        if (changedAt is { } at) metrics.Indexed(type, at, DateTimeOffset.UtcNow);
    }
}

/// <summary>Copies of events about one article are handled one at a time (partitioned by article id).</summary>
public sealed class ArticleEventsConsumerDefinition : ConsumerDefinition<ArticleEventsConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<ArticleEventsConsumer> consumer, IRegistrationContext context)
    {
        var partition = endpoint.CreatePartitioner(16);
        consumer.Message<ArticlePublished>(m => m.UsePartitioner(partition, x => x.Message.ArticleId));
        consumer.Message<ArticleUpdated>(m => m.UsePartitioner(partition, x => x.Message.ArticleId));
        consumer.Message<ArticleUnpublished>(m => m.UsePartitioner(partition, x => x.Message.ArticleId));
    }
}
