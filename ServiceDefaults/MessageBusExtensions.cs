using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>MassTransit on RabbitMQ, the only way the services talk to each other.</summary>
public static class MessageBusExtensions
{
    /// <param name="serviceName">Prefixes this service's queues, so two services consuming the same event each get a copy.</param>
    /// <param name="healthTag">
    /// The tag of the bus's health check: readiness by default; the edge and the site, which serve without the bus
    /// (only their caches' purging needs it), report it under another tag instead.
    /// </param>
    public static IHostApplicationBuilder AddMessageBus(
        this IHostApplicationBuilder builder, string connectionName, string serviceName,
        Action<IBusRegistrationConfigurator>? configure = null, string healthTag = ServiceDefaultsExtensions.ReadyTag)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: the AppHost provides it as ConnectionStrings__{connectionName}.");
        var broker = new Uri(connectionString);
        var retry = builder.Configuration.GetSection("Messaging:Retry").Get<RetrySettings>() ?? new RetrySettings();
        // On a RabbitMQ cluster (Kubernetes: the Cluster Operator's three nodes) a service's durable queues are quorum
        // queues, replicated to a majority of the nodes, so a node lost loses no accepted message. Off by default: a
        // queue once declared classic (a developer's broker keeps them) cannot be declared again as quorum. A replica's
        // own queue is removed when it stops, which a quorum queue cannot be: it stays classic.
        var quorumQueues = builder.Configuration.GetValue<bool>("Messaging:QuorumQueues");

        builder.Services.AddSingleton<MessagingMetrics>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            // No reports about the bus to its vendor: the platform's telemetry goes to its own dashboard only.
            bus.DisableUsageTelemetry();
            // Part of /health (readiness): the bus is connected to RabbitMQ.
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = "rabbitmq";
                health.Tags.Add(healthTag);
            });
            configure?.Invoke(bus);
            if (quorumQueues)
            {
                bus.AddConfigureEndpointsCallback((queueName, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit && !ReplicaEndpoints.IsOnePerReplica(queueName))
                        rabbit.SetQuorumQueue();
                });
            }

            bus.UsingRabbitMq((context, rabbit) =>
            {
                var credentials = Uri.UnescapeDataString(broker.UserInfo).Split(':', 2);
                var virtualHost = broker.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";
                rabbit.Host(broker.Host, (ushort)(broker.IsDefaultPort ? 5672 : broker.Port), virtualHost, host =>
                {
                    if (credentials[0].Length > 0) host.Username(credentials[0]);
                    if (credentials.Length > 1) host.Password(credentials[1]);
                });

                // Transient failures (a database restart, a lock timeout) are retried before a message is
                // moved to the _error queue; consumers are idempotent, so a retry never doubles an effect.
                // A poison message thus lands in <queue>_error instead of blocking its queue, and is counted.
                rabbit.UseMessageRetry(r => r.Exponential(retry.Limit, retry.MinInterval, retry.MaxInterval, retry.Delta));
                rabbit.ConnectConsumeObserver(context.GetRequiredService<MessagingMetrics>());
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}

/// <summary>How a consumer's queue is shared among the replicas of its service.</summary>
public static class ReplicaEndpoints
{
    /// <summary>
    /// A queue of this replica's own (exclusive to its connection, so removed when it stops or dies): every replica hears every message (for what each one keeps
    /// in memory, such as cached answers). Without a name of its own, the second replica would meet the first's queue.
    /// </summary>
    public static void OnePerReplica(this IEndpointRegistrationConfigurator endpoint)
    {
        endpoint.Temporary = true;
        endpoint.InstanceId = Marker + Guid.NewGuid().ToString("N")[..12];
    }

    private const string Marker = "-replica-";

    /// <summary>Whether a queue is one replica's own (<see cref="OnePerReplica"/>), by its name.</summary>
    public static bool IsOnePerReplica(string queueName) => queueName.Contains(Marker, StringComparison.Ordinal);
}

/// <summary>Consumer retries before a message goes to the error queue (configuration <c>Messaging:Retry</c>).</summary>
public sealed class RetrySettings
{
    public int Limit { get; set; } = 8;
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan Delta { get; set; } = TimeSpan.FromMilliseconds(200);
}
