using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NewsPlatform.AppHost;

/// <summary>
/// The Redis the gateway replicas share their limits, API-key answers and cached answers in, and the site replicas
/// their readers' sessions and key ring (the "edge" connection string, each under its own key prefix), by the same mode
/// as the other servers: in local mode the machine's <c>redis-server</c> run as an executable, on loopback and keeping
/// nothing on disk; with containers Aspire's Redis; in external mode any Redis by <c>ConnectionStrings:edge</c>.
/// Declared only when more than one gateway or site runs: one of each keeps that state in memory.
/// </summary>
internal static class EdgeStore
{
    public const string ConnectionName = "edge";
    private const string DefaultRedisServer = "/usr/bin/redis-server";

    public static Dependency Add(IDistributedApplicationBuilder builder, InfrastructureMode mode, IResourceBuilder<IResource> info) => mode switch
    {
        InfrastructureMode.Local => AddRedisServer(builder, info),
        InfrastructureMode.Containers => AddRedisContainer(builder, info),
        _ => new Dependency(builder.AddConnectionString(ConnectionName).WithParentRelationship(info), ReadyWhen: null),
    };

    private static Dependency AddRedisServer(IDistributedApplicationBuilder builder, IResourceBuilder<IResource> info)
    {
        var binary = LocalServers.RequireFile(
            builder.Configuration["Infrastructure:Local:RedisServer"] ?? DefaultRedisServer,
            "Infrastructure:Local:RedisServer", "apt-get install redis-server");
        var server = builder.AddExecutable("redis", binary, Path.GetTempPath())
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false)
            .WithUrlForEndpoint("tcp", url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly)
            .WithParentRelationship(info);
        var endpoint = server.GetEndpoint("tcp");
        server.WithArgs(context =>
        {
            context.Args.Add("--port");
            context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
            context.Args.Add("--bind");
            context.Args.Add("127.0.0.1");
            // A few seconds' worth of buckets and answers: nothing worth a disk write, nothing to find after a restart.
            context.Args.Add("--save");
            context.Args.Add("");
            context.Args.Add("--appendonly");
            context.Args.Add("no");
        });

        server.ReadyWhenPortOpens(endpoint);
        var connection = builder.AddConnectionString(ConnectionName,
                ReferenceExpression.Create($"127.0.0.1:{endpoint.Property(EndpointProperty.Port)}"))
            .WithParentRelationship(server);
        return new Dependency(connection, server);
    }

    private static Dependency AddRedisContainer(IDistributedApplicationBuilder builder, IResourceBuilder<IResource> info)
    {
        var redis = builder.AddRedis("redis").WithParentRelationship(info);
        return new Dependency(redis, redis, ConnectionName);
    }
}
