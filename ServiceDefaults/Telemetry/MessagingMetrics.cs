using System.Diagnostics.Metrics;
using MassTransit;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Messaging on both sides of the broker (meter <c>NewsPlatform.Messaging</c>): integration events
/// forwarded from the event store, and messages whose consumer failed for good (after every retry,
/// i.e. moved to the queue's <c>_error</c> queue).
/// </summary>
public sealed class MessagingMetrics : IConsumeObserver
{
    public const string MeterName = "NewsPlatform.Messaging";

    private readonly Counter<long> _forwarded;
    private readonly Counter<long> _faults;

    public MessagingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _forwarded = meter.CreateCounter<long>("newsplatform.messaging.forwarded", "{message}",
            "Integration events published from the event store and confirmed by the broker");
        _faults = meter.CreateCounter<long>("newsplatform.messaging.faults", "{message}",
            "Messages whose consumer failed after every retry (moved to the _error queue)");
    }

    public void Forwarded(string subscription, string messageType) => _forwarded.Add(1,
        new("newsplatform.subscription", subscription), new("messaging.message.type", messageType));

    Task IConsumeObserver.PreConsume<T>(ConsumeContext<T> context) => Task.CompletedTask;

    Task IConsumeObserver.PostConsume<T>(ConsumeContext<T> context) => Task.CompletedTask;

    // The retry filter holds back the faults of attempts it will retry: this sees the final one only.
    Task IConsumeObserver.ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
    {
        _faults.Add(1,
            new("messaging.message.type", typeof(T).Name),
            new("messaging.destination.name", context.ReceiveContext.InputAddress?.AbsolutePath.Trim('/').Split('/').Last()),
            new("error.type", exception.GetType().Name));
        return Task.CompletedTask;
    }
}
