using System.Collections.Concurrent;
using MassTransit;

namespace NewsPlatform.TestSupport;

/// <summary>
/// A MassTransit bus of the test's own on a real broker: it publishes events as another service
/// would, and records the events it observes (on a queue of its own, bound before anything is sent).
/// </summary>
public sealed class TestBus : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<ConsumeContext> _received = new();

    private TestBus(string amqpUri, Action<IRabbitMqReceiveEndpointConfigurator, ConcurrentQueue<ConsumeContext>> observe)
    {
        var broker = new Uri(amqpUri);
        var credentials = Uri.UnescapeDataString(broker.UserInfo).Split(':', 2);
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, (ushort)broker.Port, Uri.UnescapeDataString(broker.AbsolutePath.Trim('/')) is { Length: > 0 } v ? v : "/", h =>
            {
                h.Username(credentials[0]);
                h.Password(credentials[1]);
            });
            // A durable queue, like a service's: it keeps what arrives while the test bus reconnects
            // after a broker restart. It goes with the test's virtual host or throwaway broker.
            rabbit.ReceiveEndpoint($"test-observer-{Guid.NewGuid():N}", endpoint => observe(endpoint, _received));
        });
    }

    public static async Task<TestBus> StartAsync(string amqpUri, params Action<IRabbitMqReceiveEndpointConfigurator, ConcurrentQueue<ConsumeContext>>[] observers)
    {
        var bus = new TestBus(amqpUri, (endpoint, received) =>
        {
            foreach (var observe in observers) observe(endpoint, received);
        });
        await bus._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return bus;
    }

    /// <summary>An observer for <see cref="StartAsync"/> that records every <typeparamref name="T"/>.</summary>
    public static Action<IRabbitMqReceiveEndpointConfigurator, ConcurrentQueue<ConsumeContext>> Observe<T>() where T : class =>
        (endpoint, received) => endpoint.Handler<T>(context =>
        {
            received.Enqueue(context);
            return Task.CompletedTask;
        });

    public IReadOnlyList<ConsumeContext<T>> Received<T>() where T : class =>
        _received.OfType<ConsumeContext<T>>().ToList();

    public Task PublishAsync<T>(T message) where T : class => _bus.Publish(message);

    public async ValueTask DisposeAsync() => await _bus.StopAsync(TimeSpan.FromSeconds(10));
}
