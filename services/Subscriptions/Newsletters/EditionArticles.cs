using Marten;
using MassTransit;
using NewsPlatform.Contracts.Articles;

namespace NewsPlatform.Subscriptions.Newsletters;

/// <summary>
/// This service's own copy of the live edition, from the article events: what the morning briefing is made of,
/// without asking the Articles service. A copy older than the one kept (a stale or repeated delivery) changes nothing.
/// </summary>
public sealed class EditionArticle
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public ArticleContent Content { get; set; } = null!;
    public DateTimeOffset PublishedAt { get; set; }
    public bool Live { get; set; }
}

public sealed class KeepEditionArticles(IDocumentSession session) :
    IConsumer<ArticlePublished>, IConsumer<ArticleUpdated>, IConsumer<ArticleUnpublished>
{
    public Task Consume(ConsumeContext<ArticlePublished> context) =>
        KeepAsync(context.Message.ArticleId, context.Message.Version, context.Message.Content, context.Message.PublishedAt, live: true, context.CancellationToken);

    public Task Consume(ConsumeContext<ArticleUpdated> context) =>
        KeepAsync(context.Message.ArticleId, context.Message.Version, context.Message.Content, context.Message.PublishedAt, live: true, context.CancellationToken);

    public async Task Consume(ConsumeContext<ArticleUnpublished> context)
    {
        var kept = await session.LoadAsync<EditionArticle>(context.Message.ArticleId, context.CancellationToken);
        if (kept is null || kept.Version >= context.Message.Version) return;
        kept.Version = context.Message.Version;
        kept.Live = false;
        session.Store(kept);
        await session.SaveChangesAsync(context.CancellationToken);
    }

    private async Task KeepAsync(Guid id, long version, ArticleContent content, DateTimeOffset publishedAt, bool live, CancellationToken cancellationToken)
    {
        var kept = await session.LoadAsync<EditionArticle>(id, cancellationToken);
        if (kept is not null && kept.Version >= version) return;
        session.Store(new EditionArticle { Id = id, Version = version, Content = content, PublishedAt = publishedAt, Live = live });
        await session.SaveChangesAsync(cancellationToken);
    }
}
