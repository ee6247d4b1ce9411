using JasperFx.Events;
using Marten;
using MassTransit;
using NewsPlatform.Subscriptions.Subscribing;
using Bus = NewsPlatform.Contracts.Subscriptions;

namespace NewsPlatform.Subscriptions.Integration;

/// <summary>
/// Subscription events → what other services need to know: a paid period (first or renewed)
/// activates, a cancellation keeps access to period end, an expiry ends it.
/// </summary>
public sealed class SubscriptionEventsForwarder : EventStoreToBus
{
    public SubscriptionEventsForwarder(IBus bus, MessagingMetrics metrics, ILogger<SubscriptionEventsForwarder> logger)
        : base("SubscriptionEventsToBus", bus, metrics, logger)
    {
        IncludeType<PaymentCaptured>();
        IncludeType<SubscriptionCancelled>();
        IncludeType<SubscriptionExpired>();
    }

    protected override async Task<object?> ToIntegrationEventAsync(IEvent @event, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var subscription = await operations.Events.AggregateStreamAsync<Subscription>(@event.StreamId, @event.Version, token: cancellationToken);
        if (subscription is null) return null;
        return @event.Data switch
        {
            PaymentCaptured captured => new Bus.SubscriptionActivated(subscription.Id, @event.Version, subscription.ReaderId,
                subscription.PlanCode, captured.PeriodEnd, captured.At),
            SubscriptionCancelled cancelled => new Bus.SubscriptionCancelled(subscription.Id, @event.Version, subscription.ReaderId,
                subscription.PeriodEnd ?? cancelled.At, cancelled.At),
            SubscriptionExpired expired => new Bus.SubscriptionExpired(subscription.Id, @event.Version, subscription.ReaderId, expired.At),
            _ => null,
        };
    }
}
