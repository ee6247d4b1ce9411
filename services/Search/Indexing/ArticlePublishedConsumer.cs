using Marten;
using MassTransit;
using NewsPlatform.Contracts.Articles;

namespace NewsPlatform.Search.Indexing;

/// <summary>Indexes a published article. Idempotent: duplicates and stale copies change nothing.</summary>
public sealed class ArticlePublishedConsumer(IDocumentSession session, ILogger<ArticlePublishedConsumer> logger)
    : IConsumer<ArticlePublished>
{
    public async Task Consume(ConsumeContext<ArticlePublished> context)
    {
        var message = context.Message;
        var existing = await session.LoadAsync<SearchableArticle>(message.ArticleId, context.CancellationToken);
        if (existing is not null && existing.Version >= message.Version)
        {
            logger.LogDebug("Ignoring article {ArticleId} v{Version}: index already at v{Indexed}",
                message.ArticleId, message.Version, existing.Version);
            return;
        }

        var content = message.Content;
        session.Store(new SearchableArticle
        {
            Id = message.ArticleId,
            Version = message.Version,
            Slug = content.Slug,
            Headline = content.Headline,
            Summary = content.Summary ?? "",
            BodyText = content.BodyText,
            Section = content.Section,
            Subsection = content.Subsection,
            Tags = content.Tags.ToArray(),
            Byline = content.Byline ?? "",
            IsPremium = content.IsPremium,
            PublishedAt = message.PublishedAt,
            UpdatedAt = message.UpdatedAt,
        });
        await session.SaveChangesAsync(context.CancellationToken);
    }
}

/// <summary>
/// Copies of events about one article are handled one at a time (partitioned by article id), so a
/// late duplicate can never overwrite a newer version that is being indexed at the same moment.
/// </summary>
public sealed class ArticlePublishedConsumerDefinition : ConsumerDefinition<ArticlePublishedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<ArticlePublishedConsumer> consumer, IRegistrationContext context)
    {
        var partition = endpoint.CreatePartitioner(16);
        consumer.Message<ArticlePublished>(m => m.UsePartitioner(partition, message => message.Message.ArticleId));
    }
}
