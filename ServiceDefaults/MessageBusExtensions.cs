using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>MassTransit on RabbitMQ, the only way the services talk to each other.</summary>
public static class MessageBusExtensions
{
    /// <param name="serviceName">Prefixes this service's queues, so two services consuming the same event each get a copy.</param>
    public static IHostApplicationBuilder AddMessageBus(
        this IHostApplicationBuilder builder, string connectionName, string serviceName,
        Action<IBusRegistrationConfigurator>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: the AppHost provides it as ConnectionStrings__{connectionName}.");
        var broker = new Uri(connectionString);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            // No reports about the bus to its vendor: the platform's telemetry goes to its own dashboard only.
            bus.DisableUsageTelemetry();
            configure?.Invoke(bus);

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
                rabbit.UseMessageRetry(retry => retry.Exponential(8, TimeSpan.FromMilliseconds(100),
                    TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
