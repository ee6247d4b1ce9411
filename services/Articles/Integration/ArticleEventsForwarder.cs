using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Newsroom;
using Bus = NewsPlatform.Contracts.Articles;

namespace NewsPlatform.Articles.Integration;

/// <summary>
/// Publishes the article events other services rely on, straight from the event store. Run by
/// Marten's async daemon, which records its progress only after a page is processed: this class
/// returns only once RabbitMQ has confirmed every message of the page, so an event committed while
/// the broker is down is published when it comes back (at least once; consumers drop duplicates).
/// </summary>
public sealed class ArticleEventsForwarder : SubscriptionBase
{
    public const string SubscriptionName = "ArticleEventsToBus";
    private static readonly ActivitySource Tracing = new("NewsPlatform");
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    private readonly IBus _bus;
    private readonly ILogger<ArticleEventsForwarder> _logger;

    public ArticleEventsForwarder(IBus bus, ILogger<ArticleEventsForwarder> logger)
    {
        _bus = bus;
        _logger = logger;
        Name = SubscriptionName;
        IncludeType<ArticlePublished>();
        IncludeType<ArticleCorrected>();
        IncludeType<ArticleUnpublished>();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        CancellationToken cancellationToken)
    {
        foreach (var @event in page.Events)
        {
            var message = await ToIntegrationEventAsync(@event, operations, cancellationToken);
            if (message is null) continue;

            _logger.LogDebug("Forwarding {Message} of article {ArticleId} v{Version}",
                message.GetType().Name, @event.StreamId, @event.Version);
            using var activity = Tracing.StartActivity($"forward {message.GetType().Name}", ActivityKind.Producer,
                @event.Headers?.GetValueOrDefault(TraceHeaders.TraceParent) as string);
            await PublishUntilConfirmedAsync(message, @event.Id, cancellationToken);
        }

        return NullChangeListener.Instance;
    }

    private static async Task<object?> ToIntegrationEventAsync(
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
            ArticleUnpublished unpublished => new Bus.ArticleUnpublished(article.Id, @event.Version, article.Slug, unpublished.At),
            _ => null,
        };
    }

    public static Bus.ArticleContent ContentOf(Article article) => new(
        article.Slug ?? "", article.Copy.Headline, article.Copy.Summary, ArticleText.PlainText(article.Copy.Body),
        article.Copy.Section, article.Copy.Subsection, article.Copy.Tags, article.Copy.Byline, article.Copy.SourceCredit,
        article.Copy.IsPremium);

    private async Task PublishUntilConfirmedAsync(object message, Guid eventId, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(PublishTimeout);
                // The event's id as message id: a re-sent copy is recognisably the same message.
                var publish = _bus.Publish(message, message.GetType(), context => context.MessageId = eventId, timeout.Token);
                // A publish caught by a dropped connection may never complete nor honour its token;
                // give up on it after the timeout and send again (consumers drop the duplicate).
                await publish.WaitAsync(PublishTimeout, cancellationToken);
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("Publishing {Message} failed (attempt {Attempt}): {Error}; retrying in {Delay}",
                    message.GetType().Name, attempt, e.Message, delay);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}
