using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsPlatform.AppHost;

/// <summary>How PostgreSQL and RabbitMQ are provided (configuration key <c>Infrastructure:Mode</c>).</summary>
public enum InfrastructureMode
{
    /// <summary>Containers when a container runtime answers, otherwise <see cref="Local"/>.</summary>
    Auto,
    /// <summary>Aspire's PostgreSQL and RabbitMQ containers.</summary>
    Containers,
    /// <summary>The PostgreSQL and RabbitMQ installed on this machine, run by the AppHost (see LocalServers.cs).</summary>
    Local,
    /// <summary>Servers that already run: <c>ConnectionStrings:postgres</c> and <c>ConnectionStrings:messaging</c>.</summary>
    External,
}

/// <summary>A connection string a service receives, and the resource it must wait for before it starts.</summary>
/// <param name="ConnectionName">The name the service reads it by (ConnectionStrings:&lt;name&gt;), when not the resource's own.</param>
public sealed record Dependency(
    IResourceBuilder<IResourceWithConnectionString> ConnectionString,
    IResourceBuilder<IResource>? ReadyWhen,
    string? ConnectionName = null);

/// <summary>
/// The database server and the broker, whichever way they are provided. Services see the same
/// connection string names in every mode: one database each, plus "messaging".
/// </summary>
public sealed class Infrastructure(
    InfrastructureMode mode,
    Dependency messaging,
    Func<string, string, Dependency> addDatabase,
    Dependency mail,
    Func<Dependency> addEdgeStore)
{
    private Dependency? _edgeStore;

    public InfrastructureMode Mode => mode;

    public Dependency Messaging => messaging;

    /// <summary>The SMTP server ("mail"; see MailServer.cs).</summary>
    public Dependency Mail => mail;

    public Dependency AddDatabase(string connectionName, string databaseName) => addDatabase(connectionName, databaseName);

    /// <summary>The Redis the gateway and site replicas share ("edge"; see EdgeStore.cs), declared the first time it is asked for.</summary>
    public Dependency EdgeStore => _edgeStore ??= addEdgeStore();
}

/// <summary>Groups the server resources in the dashboard and shows the chosen mode.</summary>
public sealed class InfrastructureInfoResource(string name) : Resource(name);

public static class InfrastructureExtensions
{
    /// <summary>The broker's connection string as every service reads it, whatever the broker resource is called.</summary>
    public const string MessagingConnectionName = "messaging";

    /// <summary>
    /// Declares PostgreSQL and RabbitMQ the way <c>Infrastructure:Mode</c> says
    /// (<c>auto</c> | <c>containers</c> | <c>local</c> | <c>external</c>; default <c>auto</c>).
    /// </summary>
    public static Infrastructure AddInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var (mode, reason) = ChooseMode(builder.Configuration);

        // One row in the dashboard says which mode was chosen and why; the servers sit under it.
        var info = builder.AddResource(new InfrastructureInfoResource("infrastructure"))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Infrastructure",
                State = KnownResourceStates.Running,
                Properties =
                [
                    new(CustomResourceKnownProperties.Source, $"mode: {Describe(mode)} ({reason})"),
                    new("infrastructure.mode", Describe(mode)),
                    new("infrastructure.reason", reason),
                ],
            })
            .ExcludeFromManifest();

        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            e.Services.GetRequiredService<ILoggerFactory>()
                .CreateLogger("NewsPlatform.AppHost.Infrastructure")
                .LogInformation("Infrastructure mode: {Mode} ({Reason})", Describe(mode), reason);
            return Task.CompletedTask;
        });

        return mode switch
        {
            InfrastructureMode.Containers => AddContainers(builder, info),
            InfrastructureMode.Local => LocalServers.Add(builder, info),
            InfrastructureMode.External => AddExternal(builder, info),
            _ => throw new UnreachableException(),
        };
    }

    /// <summary>Gives the service its own database's connection string and starts it once the server is ready.</summary>
    public static IResourceBuilder<ProjectResource> WithDatabase(
        this IResourceBuilder<ProjectResource> service, Infrastructure infrastructure, string connectionName, string databaseName)
        => service.Uses(infrastructure.AddDatabase(connectionName, databaseName));

    /// <summary>
    /// Gives the service the "mail" connection string. It does not wait for the server: mail is queued in the
    /// service's database and sent once the server answers, so a slow mail catcher holds nothing up.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithMail(this IResourceBuilder<ProjectResource> service, Infrastructure infrastructure)
        => service.WithReference(infrastructure.Mail.ConnectionString, MailServer.ConnectionName);

    /// <summary>Gives the gateway or the site the "edge" connection string (its replicas' shared state) and starts it once the store is ready.</summary>
    public static IResourceBuilder<ProjectResource> WithEdgeStore(this IResourceBuilder<ProjectResource> project, Infrastructure infrastructure)
        => project.Uses(infrastructure.EdgeStore);

    /// <summary>Gives the service the "messaging" connection string and starts it once the broker is ready.</summary>
    public static IResourceBuilder<ProjectResource> WithMessaging(
        this IResourceBuilder<ProjectResource> service, Infrastructure infrastructure)
        => service.Uses(infrastructure.Messaging);

    private static IResourceBuilder<ProjectResource> Uses(this IResourceBuilder<ProjectResource> service, Dependency dependency)
    {
        service.WithReference(dependency.ConnectionString, dependency.ConnectionName);
        if (dependency.ReadyWhen is { } server)
        {
            service.WaitFor(server);
        }
        return service;
    }

    /// <summary>
    /// <c>Infrastructure:Ephemeral</c>: throwaway data (local mode: a fresh folder removed when the AppHost
    /// stops; containers: no data volume). Defaults to true under Aspire.Hosting.Testing, which sets
    /// DcpPublisher:RandomizePorts, so parallel test runs never share data; otherwise false.
    /// </summary>
    internal static bool IsEphemeral(IConfiguration configuration)
        => configuration.GetValue("Infrastructure:Ephemeral", configuration.GetValue<bool>("DcpPublisher:RandomizePorts"));

    internal static string Describe(InfrastructureMode mode) => mode.ToString().ToLowerInvariant();

    private static (InfrastructureMode Mode, string Reason) ChooseMode(IConfiguration configuration)
    {
        var configured = configuration["Infrastructure:Mode"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = nameof(InfrastructureMode.Auto);
        }
        if (!Enum.TryParse<InfrastructureMode>(configured, ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
        {
            throw new InvalidOperationException(
                $"Infrastructure:Mode is '{configured}'; use auto, containers, local or external.");
        }
        if (mode != InfrastructureMode.Auto)
        {
            return (mode, "set by Infrastructure:Mode");
        }

        // Aspire uses this runtime for containers, so that is the one to ask. A declared container
        // resource without a runtime never starts and blocks everything waiting for it.
        var runtime = configuration["ASPIRE_CONTAINER_RUNTIME"]
            ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"]
            ?? "docker";
        return ContainerRuntimeAnswers(runtime, TimeSpan.FromSeconds(3))
            ? (InfrastructureMode.Containers, $"auto: '{runtime} info' succeeded")
            : (InfrastructureMode.Local, $"auto: '{runtime} info' failed, no container runtime");
    }

    private static bool ContainerRuntimeAnswers(string runtime, TimeSpan timeout)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }
            // Drain the output so a long 'info' cannot block on a full pipe.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false; // not installed
        }
    }

    private static Infrastructure AddContainers(IDistributedApplicationBuilder builder, IResourceBuilder<IResource> info)
    {
        var postgres = builder.AddPostgres("postgres")
            .WithParentRelationship(info);
        if (!IsEphemeral(builder.Configuration))
        {
            postgres.WithDataVolume();
        }

        var rabbitmq = builder.AddRabbitMQ("rabbitmq")
            .WithManagementPlugin()
            .WithUrlForEndpoint("management", url => url.DisplayText = "RabbitMQ management UI")
            .WithParentRelationship(info);

        // Waiting for the database (not just the server) also waits until Aspire has created it.
        // Databases sit under their server on the dashboard (AddDatabase makes them its children).
        return new Infrastructure(
            InfrastructureMode.Containers,
            new Dependency(rabbitmq, rabbitmq, MessagingConnectionName),
            (connectionName, databaseName) =>
            {
                var database = postgres.AddDatabase(connectionName, databaseName);
                return new Dependency(database, database);
            },
            MailServer.Add(builder, InfrastructureMode.Containers, info),
            () => EdgeStore.Add(builder, InfrastructureMode.Containers, info));
    }

    private static Infrastructure AddExternal(IDistributedApplicationBuilder builder, IResourceBuilder<IResource> info)
    {
        // Server-level Npgsql connection string (no Database=) and an AMQP URI, from
        // ConnectionStrings:postgres and ConnectionStrings:messaging. The dashboard asks for missing ones.
        var postgres = builder.AddConnectionString("postgres").WithParentRelationship(info);
        var rabbitmq = builder.AddConnectionString("rabbitmq", $"ConnectionStrings__{MessagingConnectionName}").WithParentRelationship(info);

        return new Infrastructure(
            InfrastructureMode.External,
            new Dependency(rabbitmq, ReadyWhen: null, MessagingConnectionName),
            (connectionName, databaseName) => new Dependency(
                builder.AddConnectionString(connectionName, ReferenceExpression.Create($"{postgres.Resource};Database={databaseName}"))
                    .WithParentRelationship(postgres),
                ReadyWhen: null),
            MailServer.Add(builder, InfrastructureMode.External, info),
            () => EdgeStore.Add(builder, InfrastructureMode.External, info));
    }
}
