using JasperFx.Events;
using Marten;
using MassTransit;
using NewsPlatform.Articles.Domain;
using Bus = NewsPlatform.Contracts.Articles;

namespace NewsPlatform.Articles.Integration;

/// <summary>Article published / corrected / unpublished → the integration events other services rely on.</summary>
public sealed class ArticleEventsForwarder : EventStoreToBus
{
    public ArticleEventsForwarder(IBus bus, MessagingMetrics metrics, ILogger<ArticleEventsForwarder> logger)
        : base("ArticleEventsToBus", bus, metrics, logger, PlatformTelemetry.ArticleIdTag)
    {
        IncludeType<ArticlePublished>();
        IncludeType<ArticleCorrected>();
        IncludeType<ArticleUnpublished>();
    }

    protected override async Task<object?> ToIntegrationEventAsync(
        IEvent @event, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        if (@event.Data is not (ArticlePublished or ArticleCorrected or ArticleUnpublished)) return null;

        // The article exactly as of this event, even if later events were appended since.
        var article = await operations.Events.AggregateStreamAsync<Article>(
            @event.StreamId, @event.Version, token: cancellationToken);
        if (article?.Slug is null || article.PublishedAt is null) return null;

        return @event.Data switch
        {
            ArticlePublished => new Bus.ArticlePublished(article.Id, @event.Version, ContentOf(article),
                article.PublishedAt.Value, article.UpdatedAt),
            ArticleCorrected corrected => new Bus.ArticleUpdated(article.Id, @event.Version, ContentOf(article),
                article.PublishedAt.Value, corrected.At),
            ArticleUnpublished unpublished => new Bus.ArticleUnpublished(article.Id, @event.Version, article.Slug, unpublished.At, article.Copy.Section),
            _ => null,
        };
    }

    public static Bus.ArticleContent ContentOf(Article article) => new(
        article.Slug ?? "", article.Copy.Headline, article.Copy.Summary, SearchableText(article.Copy),
        article.Copy.Section, article.Copy.Subsection, article.Copy.Tags, article.Copy.Byline, article.Copy.SourceCredit,
        article.Copy.IsPremium, ArticleText.PlainText(ArticleText.FirstParagraph(article.Copy.Body)));

    // A gallery is found by its captions as much as by its text.
    private static string SearchableText(ArticleCopy copy) =>
        string.Join(' ', [ArticleText.PlainText(copy.Body), .. (copy.Gallery ?? []).Select(p => p.Caption).OfType<string>()]);
}
