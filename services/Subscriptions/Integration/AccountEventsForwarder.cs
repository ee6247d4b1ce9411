using JasperFx.Events;
using Marten;
using MassTransit;
using NewsPlatform.Subscriptions.Accounts;
using Bus = NewsPlatform.Contracts.Subscriptions;

namespace NewsPlatform.Subscriptions.Integration;

/// <summary>Account events → the integration events other services rely on.</summary>
public sealed class AccountEventsForwarder : EventStoreToBus
{
    public AccountEventsForwarder(IBus bus, MessagingMetrics metrics, ILogger<AccountEventsForwarder> logger)
        : base("AccountEventsToBus", bus, metrics, logger, PlatformTelemetry.ReaderIdTag)
    {
        IncludeType<AccountRegistered>();
    }

    protected override Task<object?> ToIntegrationEventAsync(IEvent @event, IDocumentOperations operations, CancellationToken cancellationToken) =>
        Task.FromResult<object?>(@event.Data switch
        {
            AccountRegistered registered => new Bus.ReaderRegistered(registered.ReaderId, @event.Version, registered.Email,
                registered.DisplayName, registered.At),
            _ => null,
        });
}
