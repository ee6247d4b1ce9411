using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Publishes a service's integration events straight from its event store. Run by Marten's async
/// daemon, which records its progress only after a page is processed: a page returns only once
/// RabbitMQ has confirmed every message, so an event committed while the broker is down is published
/// when it comes back (at least once; consumers drop duplicates by id and version).
/// </summary>
public abstract class EventStoreToBus : SubscriptionBase
{
    /// <summary>The event header carrying the trace of the request that appended the event.</summary>
    public const string TraceParentHeader = "traceparent";

    private static readonly ActivitySource Tracing = new("NewsPlatform");
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    private readonly IBus _bus;
    private readonly MessagingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly string? _streamTag;

    /// <param name="streamTag">Span tag for the stream id of each forwarded event (e.g. the article id), if any.</param>
    protected EventStoreToBus(string name, IBus bus, MessagingMetrics metrics, ILogger logger, string? streamTag = null)
    {
        Name = name;
        _bus = bus;
        _metrics = metrics;
        _logger = logger;
        _streamTag = streamTag;
    }

    /// <summary>The integration event for a stored event, or null when it has none.</summary>
    protected abstract Task<object?> ToIntegrationEventAsync(IEvent @event, IDocumentOperations operations, CancellationToken cancellationToken);

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // Each message is sent as soon as it is made, and the page waits once for all the broker's
        // confirms: a busy page costs one confirm round trip, not one per event.
        var sends = new List<Task>();
        foreach (var @event in page.Events)
        {
            var message = await ToIntegrationEventAsync(@event, operations, cancellationToken);
            if (message is not null) sends.Add(ForwardAsync(@event, message, cancellationToken));
        }
        await Task.WhenAll(sends);
        return NullChangeListener.Instance;
    }

    private async Task ForwardAsync(IEvent @event, object message, CancellationToken cancellationToken)
    {
        // Continues the trace of the request that appended the event: one publish reads as a
        // single trace from the gateway to the consuming services.
        using var activity = Tracing.StartActivity($"forward {message.GetType().Name}", ActivityKind.Producer,
            @event.Headers?.GetValueOrDefault(TraceParentHeader) as string);
        if (_streamTag is not null) activity?.SetTag(_streamTag, @event.StreamId.ToString());
        await PublishUntilConfirmedAsync(message, @event.Id, cancellationToken);
        _metrics.Forwarded(Name, message.GetType().Name);
    }

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
