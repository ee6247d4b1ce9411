using Marten;
using MassTransit;
using NewsPlatform.Contracts.Subscriptions;

namespace NewsPlatform.Articles.Entitlements;

/// <summary>Keeps <see cref="ReaderEntitlement"/> from the subscription events. Idempotent by version.</summary>
public sealed class SubscriptionEventConsumers(IDocumentStore store, ILogger<SubscriptionEventConsumers> logger) :
    IConsumer<SubscriptionActivated>, IConsumer<SubscriptionCancelled>, IConsumer<SubscriptionExpired>
{
    public Task Consume(ConsumeContext<SubscriptionActivated> context) => ApplyAsync(context.Message.ReaderId,
        context.Message.SubscriptionId, context.Message.Version, SubscriptionStatus.Active, context.Message.PeriodEndsAt, context.CancellationToken);

    public Task Consume(ConsumeContext<SubscriptionCancelled> context) => ApplyAsync(context.Message.ReaderId,
        context.Message.SubscriptionId, context.Message.Version, SubscriptionStatus.Cancelled, context.Message.PeriodEndsAt, context.CancellationToken);

    public Task Consume(ConsumeContext<SubscriptionExpired> context) => ApplyAsync(context.Message.ReaderId,
        context.Message.SubscriptionId, context.Message.Version, SubscriptionStatus.Expired, null, context.CancellationToken);

    /// <summary>
    /// Applies the event to the reader's document under optimistic concurrency: another replica may be applying the
    /// same reader's other event at this moment (the partitioner below orders them within one process only). The
    /// loser of a race reads the document again and applies its event to what the winner wrote, so neither is lost.
    /// </summary>
    private async Task ApplyAsync(Guid readerId, Guid subscriptionId, long version, SubscriptionStatus status,
        DateTimeOffset? periodEndsAt, CancellationToken cancellationToken)
    {
        PlatformTelemetry.TagReader(readerId);
        using var scope = logger.BeginReaderScope(readerId);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var entitlement = await session.LoadAsync<ReaderEntitlement>(readerId, cancellationToken);
            var isNew = entitlement is null;
            entitlement ??= new ReaderEntitlement { Id = readerId };
            if (!entitlement.Apply(subscriptionId, version, status, periodEndsAt)) return;
            if (isNew) session.Insert(entitlement);
            else session.Update(entitlement);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (e is JasperFx.ConcurrencyException or JasperFx.DocumentAlreadyExistsException && attempt < MaxAttempts)
            {
                logger.LogDebug("Entitlement of reader {ReaderId} changed meanwhile; applying again (attempt {Attempt})", readerId, attempt);
            }
        }
    }

    private const int MaxAttempts = 20;
}

/// <summary>Events of one reader are applied one at a time in a process, so its copies do not race each other for the document.</summary>
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
