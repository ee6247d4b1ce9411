using Marten;
using MassTransit;
using NewsPlatform.Contracts.Subscriptions;

namespace NewsPlatform.Articles.Entitlements;

/// <summary>Keeps <see cref="ReaderEntitlement"/> from the subscription events. Idempotent by version.</summary>
public sealed class SubscriptionEventConsumers(IDocumentSession session, ILogger<SubscriptionEventConsumers> logger) :
    IConsumer<SubscriptionActivated>, IConsumer<SubscriptionCancelled>, IConsumer<SubscriptionExpired>
{
    public Task Consume(ConsumeContext<SubscriptionActivated> context) => ApplyAsync(context.Message.ReaderId,
        context.Message.SubscriptionId, context.Message.Version, SubscriptionStatus.Active, context.Message.PeriodEndsAt, context.CancellationToken);

    public Task Consume(ConsumeContext<SubscriptionCancelled> context) => ApplyAsync(context.Message.ReaderId,
        context.Message.SubscriptionId, context.Message.Version, SubscriptionStatus.Cancelled, context.Message.PeriodEndsAt, context.CancellationToken);

    public Task Consume(ConsumeContext<SubscriptionExpired> context) => ApplyAsync(context.Message.ReaderId,
        context.Message.SubscriptionId, context.Message.Version, SubscriptionStatus.Expired, null, context.CancellationToken);

    private async Task ApplyAsync(Guid readerId, Guid subscriptionId, long version, SubscriptionStatus status,
        DateTimeOffset? periodEndsAt, CancellationToken cancellationToken)
    {
        PlatformTelemetry.TagReader(readerId);
        using var scope = logger.BeginReaderScope(readerId);
        var entitlement = await session.LoadAsync<ReaderEntitlement>(readerId, cancellationToken)
                          ?? new ReaderEntitlement { Id = readerId };
        if (!entitlement.Apply(subscriptionId, version, status, periodEndsAt)) return;
        session.Store(entitlement);
        await session.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Events of one reader are applied one at a time, so two copies never race on the document.</summary>
public sealed class SubscriptionEventConsumersDefinition : ConsumerDefinition<SubscriptionEventConsumers>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<SubscriptionEventConsumers> consumer, IRegistrationContext context)
    {
        var partition = endpoint.CreatePartitioner(8);
        consumer.Message<SubscriptionActivated>(m => m.UsePartitioner(partition, x => x.Message.ReaderId));
        consumer.Message<SubscriptionCancelled>(m => m.UsePartitioner(partition, x => x.Message.ReaderId));
        consumer.Message<SubscriptionExpired>(m => m.UsePartitioner(partition, x => x.Message.ReaderId));
    }
}
